package com.journeyassistant.evidence;

import com.pgvector.PGvector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.support.TransactionTemplate;

/** Picks the index implementation that matches the configured database. */
@Configuration(proxyBeanMethods = false)
class IndexStores {

    /** The dimension of the PostgreSQL index column (see the V4 migration); the HNSW index needs a fixed one. */
    static final int POSTGRES_DIMENSION = 384;

    @Bean
    IndexStore indexStore(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
                          EvidenceEmbeddings.Embedder embedder) throws Exception {
        String url = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getURL());
        if (DatabaseDriver.fromJdbcUrl(url) != DatabaseDriver.POSTGRESQL) {
            return new Embedded(jdbc);
        }
        if (embedder.dimension() != POSTGRES_DIMENSION) {
            throw new IllegalStateException("The embedding model gives " + embedder.dimension() + " dimensions, but the"
                    + " PostgreSQL evidence index holds " + POSTGRES_DIMENSION + "; choose a model (or"
                    + " journey.embedding.dimensions with send-dimensions) of " + POSTGRES_DIMENSION + " dimensions");
        }
        return new Postgres(jdbc, transactions);
    }

    /** "and journey_id = ? …" for the filters that are set, with their values appended to params. */
    static String filters(IndexStore.Query q, List<Object> params) {
        StringBuilder sql = new StringBuilder(" workspace_id = ?");
        params.add(q.workspaceId());
        addFilter(sql, params, " and item_type = ?", q.type() == null ? null : q.type().name());
        addFilter(sql, params, " and journey_id = ?", q.journeyId());
        addFilter(sql, params, " and stage_id = ?", q.stageId());
        addFilter(sql, params, " and touchpoint_id = ?", q.touchpointId());
        addFilter(sql, params, " and segment = ?", q.segment());
        addFilter(sql, params, " and item_date >= ?", q.from() == null ? null : Date.valueOf(q.from()));
        addFilter(sql, params, " and item_date <= ?", q.to() == null ? null : Date.valueOf(q.to()));
        if (!q.includeQuarantined()) {
            sql.append(" and not quarantined");
        }
        return sql.toString();
    }

    private static void addFilter(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }

    static IndexStore.Hit hit(java.sql.ResultSet rs, Double vectorScore, Double textScore, double fused)
            throws java.sql.SQLException {
        return new IndexStore.Hit(rs.getObject("item_id", java.util.UUID.class),
                IndexStore.ItemType.valueOf(rs.getString("item_type")), rs.getString("text"),
                rs.getObject("journey_id", java.util.UUID.class), rs.getObject("stage_id", java.util.UUID.class),
                rs.getObject("touchpoint_id", java.util.UUID.class), rs.getString("segment"),
                rs.getObject("item_date", java.time.LocalDate.class), rs.getString("language"), vectorScore, textScore, fused,
                rs.getBoolean("quarantined"));
    }

    private static void removeRows(JdbcTemplate jdbc, UUID workspaceId, List<UUID> itemIds) {
        jdbc.batchUpdate("delete from evidence_index where workspace_id = ? and item_id = ?",
                itemIds.stream().map(id -> new Object[] {workspaceId, id}).toList());
    }

    private interface VectorColumn {
        float[] read(java.sql.ResultSet rs, String column) throws java.sql.SQLException;
    }

    private static Map<UUID, float[]> readVectors(JdbcTemplate jdbc, UUID workspaceId, List<UUID> itemIds,
                                                  String column, VectorColumn decode) {
        Map<UUID, float[]> vectors = new HashMap<>();
        if (itemIds.isEmpty()) {
            return vectors;
        }
        List<Object> params = new ArrayList<>(itemIds.size() + 1);
        params.add(workspaceId);
        params.addAll(itemIds);
        String placeholders = String.join(", ", java.util.Collections.nCopies(itemIds.size(), "?"));
        jdbc.query("select item_id, " + column + " as vector from evidence_index where workspace_id = ? and item_id in ("
                + placeholders + ")", rs -> {
                    vectors.put(rs.getObject("item_id", UUID.class), decode.read(rs, "vector"));
                }, params.toArray());
        return vectors;
    }

    private static final String COLUMNS = "item_id, workspace_id, item_type, journey_id, stage_id, touchpoint_id, "
            + "segment, item_date, language, text, model_id, dims, embedding, created_at, item_version, quarantined";

    private static Object[] row(IndexStore.Entry e, String modelId, int dimension, Object vector, OffsetDateTime now) {
        return new Object[] {e.itemId(), e.workspaceId(), e.type().name(), e.journeyId(), e.stageId(), e.touchpointId(),
                e.segment(), e.date() == null ? null : Date.valueOf(e.date()), e.language(), e.text(), modelId, dimension,
                vector, now, e.version(), e.quarantined()};
    }

    private static void releaseRow(JdbcTemplate jdbc, UUID workspaceId, UUID itemId) {
        jdbc.update("update evidence_index set quarantined = false where workspace_id = ? and item_id = ?", workspaceId,
                itemId);
    }

    /**
     * pgvector column with HNSW, tsvector with GIN, fused by reciprocal rank fusion in one statement.
     * Iterative index scans keep filtered vector searches from coming back short. Searches read the view
     * evidence_index_visible (migration V27), which walls the workspace in as row-level security does but lets
     * full text use its word index.
     */
    static final class Postgres implements IndexStore {
        /**
         * At most this many items holding all query words, and as many holding any, are ranked by full text. Fetching
         * and ranking 2,000 made the text leg of short, common-worded queries the slowest part of a search (p95
         * 34 ms at 100k items against 27 ms at 500).
         */
        static final int TEXT_MATCHES_RANKED = 500;
        /** A query of more words than this is long: a pasted review, or the text chat and generation search with. */
        static final int LONG_QUERY_WORDS = 16;
        /** The text leg of a long query uses only this many of its terms, the rarest in the index. */
        static final int LONG_QUERY_TERMS = 12;
        /** How wide the vector leg searches the HNSW graph, for short and for long queries. */
        static final int EF_SEARCH = 400;
        static final int LONG_QUERY_EF_SEARCH = 800;
        /**
         * A long query's terms, rarest first by the planner's statistics of the index's words (terms too rare to
         * be among its most common count as rarest), then longest; a rare term is taken only when the index has it
         * at all, looked up in order in the word index until enough are found (the subquery's offset keeps the order
         * before the lookups; with the workspace in the lookup the planner left the word index, at 0.5 s a query).
         * Which words are looked up only picks the terms; what is found is still the workspace's alone. Every word of a 300-word query would make the text leg fetch and rank most of the workspace, at
         * 60 ms and more; its rarest words say what sets it apart. Before the index has statistics (a new, small
         * table) every term is used, as for short queries.
         */
        private static final String LONG_QUERY_TERMS_SQL = """
                with common as (
                  select lexeme, frequency from evidence_common_terms()
                ),
                terms as (
                  select distinct t.lexeme, coalesce(common.frequency, 0) as frequency from unnest(tsvector_to_array(
                    to_tsvector('dutch', ?) || to_tsvector('english', ?) || to_tsvector('simple', ?))) as t(lexeme)
                  left join common on common.lexeme = t.lexeme
                ),
                rarest as (
                  select lexeme from (
                    select lexeme, frequency from terms order by frequency, length(lexeme) desc, lexeme offset 0) ordered
                  where frequency > 0 or evidence_term_indexed(ordered.lexeme)
                  limit case when exists (select 1 from common) then ? else 10000 end
                ),
                q as (
                  select coalesce((select string_agg(quote_literal(lexeme), ' & ') from rarest), '')::tsquery as all_words,
                         coalesce((select string_agg(quote_literal(lexeme), ' | ') from rarest), '')::tsquery as any_word
                ),""";

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transactions;

        Postgres(JdbcTemplate jdbc, TransactionTemplate transactions) {
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        @Override
        public List<Hit> search(Query q, Mode mode) {
            List<Object> params = new ArrayList<>();
            PGvector vector = new PGvector(q.vector());
            int candidates = IndexStore.candidates(q.k());
            params.add(q.text());
            params.add(q.text());
            params.add(q.text());
            boolean longQuery = q.text().strip().split("\\s+").length > LONG_QUERY_WORDS;
            if (longQuery) {
                params.add(LONG_QUERY_TERMS);
            }
            params.add(vector);
            String vectorFilters = filters(q, params);
            params.add(vector);
            params.add(mode == Mode.TEXT ? 0 : candidates);
            String allWordsFilters = filters(q, params);
            params.add(mode == Mode.VECTOR ? 0 : TEXT_MATCHES_RANKED);
            String anyWordFilters = filters(q, params);
            params.add(mode == Mode.VECTOR ? 0 : TEXT_MATCHES_RANKED);
            params.add(mode == Mode.VECTOR ? 0 : candidates);
            params.add(q.k());
            // Full text ranks the items holding all query words, plus items holding any of them; each set is
            // capped, so a query made of common words cannot make the search rank a large part of the workspace.
            String sql = (longQuery ? LONG_QUERY_TERMS_SQL : """
                    with q as (
                      select all_words, replace(all_words::text, '&', '|')::tsquery as any_word from (
                        select plainto_tsquery('dutch', ?) || plainto_tsquery('english', ?)
                               || plainto_tsquery('simple', ?) as all_words) w
                    ),""") + """
                    vector_hits as (
                      select item_id, row_number() over (order by distance) as rank, 1 - distance as score from (
                        select item_id, embedding <=> ?::vector as distance from evidence_index_visible
                        where %s order by embedding <=> ?::vector limit ?) v
                    ),
                    text_matches as (
                      (select item_id, ts_rank(tsv, q.any_word)::float8 as score from evidence_index_visible, q
                       where %s and tsv @@ q.all_words limit ?)
                      union
                      (select item_id, ts_rank(tsv, q.any_word)::float8 as score from evidence_index_visible, q
                       where %s and tsv @@ q.any_word limit ?)
                    ),
                    text_hits as (
                      select item_id, row_number() over (order by score desc, item_id) as rank, score from (
                        select item_id, score from text_matches order by score desc, item_id limit ?) t
                    ),
                    fused as (
                      select coalesce(v.item_id, t.item_id) as item_id, v.score as vector_score, t.score as text_score,
                             coalesce(1.0 / (%d + v.rank), 0) + coalesce(1.0 / (%d + t.rank), 0) as fused_score
                      from vector_hits v full outer join text_hits t on t.item_id = v.item_id
                    )
                    select e.item_id, e.item_type, e.text, e.journey_id, e.stage_id, e.touchpoint_id, e.segment,
                           e.item_date, e.language, e.quarantined, f.vector_score, f.text_score, f.fused_score
                    from fused f join evidence_index_visible e on e.item_id = f.item_id
                    order by f.fused_score desc, f.item_id limit ?""".formatted(vectorFilters, allWordsFilters,
                    anyWordFilters, RRF_K, RRF_K);
            return transactions.execute(status -> {
                jdbc.execute("set local hnsw.iterative_scan = relaxed_order");
                // Measured on 100k items, recall@10 against exact search: short queries 0.78 at 100, 0.94 at 300,
                // 0.96 at 400; long ones (whose vectors lie among many at nearly the same distance) 0.91 at 400,
                // 0.97 at 800, where their text leg is cheap enough to pay for it.
                jdbc.execute("set local hnsw.ef_search = " + Math.max(longQuery ? LONG_QUERY_EF_SEARCH : EF_SEARCH,
                        candidates));
                return jdbc.query(sql, (rs, n) -> hit(rs, (Double) rs.getObject("vector_score", Double.class),
                        rs.getObject("text_score", Double.class), rs.getDouble("fused_score")), params.toArray());
            });
        }

        @Override
        public void upsert(List<Entry> entries, String modelId, int dimension) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.batchUpdate("insert into evidence_index (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?) on conflict (item_id) do update set journey_id = excluded.journey_id,"
                            + " stage_id = excluded.stage_id, touchpoint_id = excluded.touchpoint_id,"
                            + " segment = excluded.segment, item_date = excluded.item_date, text = excluded.text,"
                            + " language = excluded.language, model_id = excluded.model_id, dims = excluded.dims,"
                            + " embedding = excluded.embedding, item_version = excluded.item_version,"
                            + " quarantined = excluded.quarantined",
                    entries.stream().map(e -> row(e, modelId, dimension, new PGvector(e.vector()), now)).toList());
        }

        @Override
        public void remove(UUID workspaceId, List<UUID> itemIds) {
            removeRows(jdbc, workspaceId, itemIds);
        }

        @Override
        public void release(UUID workspaceId, UUID itemId) {
            releaseRow(jdbc, workspaceId, itemId);
        }

        @Override
        public Map<UUID, float[]> vectors(UUID workspaceId, List<UUID> itemIds) {
            // the binary form: parsing 384 decimals per item as text took over a second for 20,000 items
            return readVectors(jdbc, workspaceId, itemIds, "vector_send(embedding)", (rs, column) -> {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(rs.getBytes(column));
                float[] vector = new float[bytes.getShort()];
                bytes.getShort();
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = bytes.getFloat();
                }
                return vector;
            });
        }
    }

    /** Packed little-endian float32 bytes, searched exactly in memory. */
    static final class Embedded implements IndexStore {
        private final JdbcTemplate jdbc;
        private final EmbeddedSearch search;

        Embedded(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.search = new EmbeddedSearch(jdbc);
        }

        @Override
        public List<Hit> search(Query q, Mode mode) {
            return search.search(q, mode);
        }

        @Override
        public void upsert(List<Entry> entries, String modelId, int dimension) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.batchUpdate("merge into evidence_index (" + COLUMNS + ") key (item_id)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    entries.stream().map(e -> row(e, modelId, dimension, pack(e.vector()), now)).toList());
            entries.stream().map(Entry::workspaceId).distinct().forEach(search::invalidate);
        }

        @Override
        public void remove(UUID workspaceId, List<UUID> itemIds) {
            removeRows(jdbc, workspaceId, itemIds);
            search.invalidate(workspaceId);
        }

        @Override
        public void release(UUID workspaceId, UUID itemId) {
            releaseRow(jdbc, workspaceId, itemId);
            search.invalidate(workspaceId);
        }

        @Override
        public Map<UUID, float[]> vectors(UUID workspaceId, List<UUID> itemIds) {
            return readVectors(jdbc, workspaceId, itemIds, "embedding", (rs, column) -> unpack(rs.getBytes(column)));
        }

        static byte[] pack(float[] vector) {
            ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(vector);
            return buffer.array();
        }

        static float[] unpack(byte[] bytes) {
            float[] vector = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            return vector;
        }
    }
}
