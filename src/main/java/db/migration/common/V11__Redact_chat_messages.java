package db.migration.common;

import com.journeyassistant.evidence.PiiRedactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Users' chat messages were stored as typed, personal data included; from now on they are
 * redacted when they arrive. This redacts the ones stored before, with the same redactor.
 */
public class V11__Redact_chat_messages extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(
                     "select id, content from chat_message where role = 'USER'");
             PreparedStatement update = connection.prepareStatement("update chat_message set content = ? where id = ?");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String content = rows.getString("content");
                String redacted = PiiRedactor.redact(content).text();
                if (!redacted.equals(content)) {
                    update.setString(1, redacted);
                    update.setObject(2, rows.getObject("id"));
                    update.executeUpdate();
                }
            }
        }
    }
}
