package com.journeyassistant.evidence;

import com.journeyassistant.platform.StopWords;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Feedback that is imported but not embedded yet (right after an import, or while the service starts) is found by
 * its words, so that a search does not come back empty while the index catches up. Only the most recent
 * {@link #SCANNED} such items of a workspace are looked at; once embedded, an item is found by the index.
 */
@Component
class UnindexedFeedback {

    static final int SCANNED = 5_000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

    private final JdbcTemplate jdbc;

    UnindexedFeedback(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Feedback and KPIs of the workspace that wait to be embedded. */
    long waiting(UUID workspaceId) {
        return jdbc.queryForObject("select (select count(*) from feedback where indexed_model is null and workspace_id = ?)"
                + " + (select count(*) from kpi where indexed_model is null and workspace_id = ?)", Long.class,
                workspaceId, workspaceId);
    }

    boolean anyWaiting(UUID workspaceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from feedback"
                + " where indexed_model is null and workspace_id = ?)", Boolean.class, workspaceId));
    }

    /** Waiting feedback matching the query's words, best first: the share of the query's words each holds. */
    List<IndexStore.Hit> search(IndexStore.Query query, int limit) {
        if (query.type() != null && query.type() != IndexStore.ItemType.FEEDBACK) {
            return List.of();
        }
        Set<String> terms = terms(query.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                select id, journey_id, stage_id, touchpoint_id, segment, feedback_date, language, text,
                       case when suspected_injection is not null and released_at is null then true else false end
                           as quarantined
                from feedback where workspace_id = ? and indexed_model is null""");
        List<Object> args = new ArrayList<>(List.of(query.workspaceId()));
        filter(sql, args, "journey_id", query.journeyId());
        filter(sql, args, "stage_id", query.stageId());
        filter(sql, args, "touchpoint_id", query.touchpointId());
        filter(sql, args, "segment", query.segment());
        if (query.from() != null) {
            sql.append(" and feedback_date >= ?");
            args.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" and feedback_date <= ?");
            args.add(query.to());
        }
        if (!query.includeQuarantined()) {
            sql.append(" and (suspected_injection is null or released_at is not null)");
        }
        sql.append(" order by seq desc limit ").append(SCANNED);
        List<Scored> scored = new ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            String text = rs.getString("text");
            double share = share(terms, text);
            if (share > 0) {
                scored.add(new Scored(share, new IndexStore.Hit(rs.getObject("id", UUID.class),
                        IndexStore.ItemType.FEEDBACK, text, rs.getObject("journey_id", UUID.class),
                        rs.getObject("stage_id", UUID.class), rs.getObject("touchpoint_id", UUID.class),
                        rs.getString("segment"), rs.getObject("feedback_date", LocalDate.class),
                        rs.getString("language"), null, share, 0, rs.getBoolean("quarantined"))));
            }
        }, args.toArray());
        return scored.stream().sorted(Comparator.comparingDouble(Scored::share).reversed()).limit(limit)
                .map(Scored::hit).toList();
    }

    private record Scored(double share, IndexStore.Hit hit) {
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, Object value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            if (!StopWords.contains(words.group())) {
                terms.add(words.group());
            }
        }
        return terms;
    }

    /** The share of the terms the text holds; a longer word counts when it starts with the term ("levering"). */
    static double share(Set<String> terms, String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher found = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (found.find()) {
            words.add(found.group());
        }
        int matched = 0;
        for (String term : terms) {
            if (words.contains(term) || term.length() >= 4 && words.stream().anyMatch(w -> w.startsWith(term))) {
                matched++;
            }
        }
        return (double) matched / terms.size();
    }
}
