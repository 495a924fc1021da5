package org.supplysync.it;

import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct JDBC access to the MariaDB server the build started, for what only the database can show. */
final class Database {

    static final String SERVER_URL = System.getProperty("supplysync.it.dbUrl", "jdbc:mariadb://127.0.0.1:28306");

    private Database() {
    }

    /** The application's own database. */
    static DataSource application() {
        return named("supplysync");
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
