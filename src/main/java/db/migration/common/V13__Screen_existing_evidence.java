package db.migration.common;

import com.journeyassistant.platform.InjectionScreen;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Evidence stored before the quarantine existed is screened once, as new evidence is on import:
 * what tries to instruct the assistant is flagged and held back from prompts until released.
 */
public class V13__Screen_existing_evidence extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        screen(connection, "select id, text from feedback", "feedback");
        screen(connection, "select id, title || '. ' || text as text from insight", "insight");
    }

    private static void screen(Connection connection, String select, String table) throws Exception {
        try (PreparedStatement rows = connection.prepareStatement(select);
             PreparedStatement flag = connection.prepareStatement(
                     "update " + table + " set suspected_injection = ? where id = ?");
             PreparedStatement index = connection.prepareStatement(
                     "update evidence_index set quarantined = true where item_id = ?");
             ResultSet result = rows.executeQuery()) {
            while (result.next()) {
                InjectionScreen.Verdict verdict = InjectionScreen.screen(result.getString("text"));
                if (verdict.suspected()) {
                    flag.setString(1, verdict.reason());
                    flag.setObject(2, result.getObject("id"));
                    flag.executeUpdate();
                    index.setObject(1, result.getObject("id"));
                    index.executeUpdate();
                }
            }
        }
    }
}
