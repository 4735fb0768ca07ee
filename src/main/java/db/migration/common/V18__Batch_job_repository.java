package db.migration.common;

import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Spring Batch's job repository (its BATCH_* tables) for the database in use, from the script
 * Spring Batch ships for it: Flyway owns every table of the schema, so Boot's own initializer
 * of these tables is switched off.
 */
public class V18__Batch_job_repository extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName();
        String platform = product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? "postgresql" : "h2";
        ScriptUtils.executeSqlScript(connection,
                new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
    }
}
