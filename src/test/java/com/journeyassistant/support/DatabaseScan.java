package com.journeyassistant.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looks for a string everywhere the service keeps data: every text column of every table, and the database's files. */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** "table.column" for every text column that holds {@code needle} in some row. */
    public static List<String> columnsHolding(JdbcClient jdbc, String needle) {
        List<String[]> columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where lower(table_schema) = 'public'
                  and (lower(data_type) like '%char%' or lower(data_type) in ('text', 'json', 'jsonb'))""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        List<String> holding = new ArrayList<>();
        for (String[] column : columns) {
            Integer rows = jdbc.sql("select count(*) from \"" + column[0] + "\" where \"" + column[1] + "\" like ?")
                    .param("%" + needle + "%").query(Integer.class).single();
            if (rows > 0) {
                holding.add(column[0] + "." + column[1]);
            }
        }
        return holding;
    }

    /** The embedded database's files (its folder) that hold {@code needle}; none on PostgreSQL. */
    public static List<Path> filesHolding(javax.sql.DataSource dataSource, String needle) {
        String url;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!url.startsWith("jdbc:h2:file:")) {
            return List.of();
        }
        Path dataDir = Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).getParent();
        byte[] wanted = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(file -> holds(file, wanted)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holds(Path file, byte[] wanted) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + wanted.length <= bytes.length; i++) {
                for (int j = 0; j < wanted.length; j++) {
                    if (bytes[i + j] != wanted[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
