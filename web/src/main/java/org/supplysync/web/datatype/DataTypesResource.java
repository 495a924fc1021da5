package org.supplysync.web.datatype;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.web.security.AdminApi;

import java.util.List;

/** The data-type registry: every synced table and its type. */
@AdminApi
@Path("api/data-types")
@Produces(MediaType.APPLICATION_JSON)
public class DataTypesResource {

    @Inject
    DataTypes dataTypes;

    @GET
    public List<DataTypeView> all() {
        return dataTypes.all().stream().map(DataTypeView::of).toList();
    }
}
