package dev.klyo.javaagent;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The data source of a JDBC statement: its connection's URL. Asked once per connection (a
 * metadata call may cost a round trip in some drivers) and forgotten with the connection.
 * Empty when the driver cannot tell, which rules on {@code dataSources: ["*"]} still match.
 */
final class JdbcDataSources {

    private final Map<Connection, String> urls = Collections.synchronizedMap(new WeakHashMap<>());

    String of(Object jdbc) {
        try {
            Connection connection = jdbc instanceof Statement s ? s.getConnection()
                    : jdbc instanceof Connection c ? c : null;
            if (connection == null) {
                return "";
            }
            String url = urls.get(connection);
            if (url == null) {
                url = String.valueOf(connection.getMetaData().getURL());
                urls.put(connection, url);
            }
            return url;
        } catch (SQLException | RuntimeException unknown) {
            return "";
        }
    }
}
