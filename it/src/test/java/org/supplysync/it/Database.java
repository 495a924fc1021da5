package org.supplysync.it;

import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct JDBC access to the MariaDB server the build started, for what only the database can show. */
final class Database {

    static final String SERVER_URL = System.getProperty("supplysync.it.dbUrl", "jdbc:mariadb://127.0.0.1:28306");

    private Database() {
    }

    /** The application's own database. */
    static DataSource application() {
        return named("supplysync");
    }

    /** The first column of the first row of a query of the application's database, as a number (0 with no row). */
    static long number(String sql, Object... parameters) throws SQLException {
        try (Connection db = application().getConnection(); PreparedStatement select = prepared(db, sql, parameters);
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The first column of every row of a query of the application's database, in order. */
    static List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = application().getConnection(); PreparedStatement select = prepared(db, sql, parameters);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static PreparedStatement prepared(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** A database of this name on the same server, created empty if it does not exist. */
    static DataSource fresh(String name) throws SQLException {
        try (Connection connection = named("").getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return named(name);
    }

    private static DataSource named(String database) {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource();
            dataSource.setUrl(SERVER_URL + "/" + database + "?user=root");
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
