package com.journeyassistant.generation;

import com.journeyassistant.analytics.AnalyticsReport;
import com.journeyassistant.analytics.ThemeNaming;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The names kept for a journey's themes, pains and gains; the journey's analytics read them from here. */
@Repository
class ThemeNameStore implements ThemeNaming {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ThemeNameStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Keeps the names of one run, each replacing an earlier name of the same group. */
    void keep(UUID workspaceId, UUID journeyId, List<ThemeNames.NamedGroup> names, String model, String promptVersion,
              String namedBy) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        transactions.executeWithoutResult(status -> names.forEach(n -> {
            String key = AnalyticsReport.nameKey(n.kind(), n.label());
            jdbc.update("delete from theme_name where workspace_id = ? and journey_id = ? and name_key = ?",
                    workspaceId, journeyId, key);
            jdbc.update("""
                    insert into theme_name (workspace_id, journey_id, name_key, name, citations, model, prompt_version,
                        named_by, named_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", workspaceId, journeyId, key,
                    n.name(), n.citedFeedback().stream().map(UUID::toString).collect(Collectors.joining(",")), model,
                    promptVersion, namedBy, now);
        }));
    }

    @Override
    public Map<String, String> names(UUID workspaceId, UUID journeyId) {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select name_key, name from theme_name where workspace_id = ? and journey_id = ?",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, workspaceId, journeyId);
        return names;
    }

    @Override
    public String version(UUID workspaceId, UUID journeyId) {
        return jdbc.queryForObject("select count(*), max(named_at) from theme_name where workspace_id = ?"
                + " and journey_id = ?", (rs, n) -> rs.getLong(1) + ":" + rs.getObject(2), workspaceId, journeyId);
    }
}
