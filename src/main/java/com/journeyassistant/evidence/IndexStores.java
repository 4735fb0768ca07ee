package com.journeyassistant.evidence;

import com.pgvector.PGvector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

/** Picks the index implementation that matches the configured database. */
@Configuration(proxyBeanMethods = false)
class IndexStores {

    @Bean
    IndexStore indexStore(DataSource dataSource, JdbcTemplate jdbc) throws Exception {
        String url = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getURL());
        return DatabaseDriver.fromJdbcUrl(url) == DatabaseDriver.POSTGRESQL ? new Postgres(jdbc) : new Embedded(jdbc);
    }

    private static final String COLUMNS = "item_id, workspace_id, item_type, journey_id, stage_id, touchpoint_id, "
            + "segment, item_date, language, text, model_id, dims, embedding, created_at";

    private static Object[] row(IndexStore.Entry e, String modelId, int dimension, Object vector, OffsetDateTime now) {
        return new Object[] {e.itemId(), e.workspaceId(), e.type().name(), e.journeyId(), e.stageId(), e.touchpointId(),
                e.segment(), e.date() == null ? null : Date.valueOf(e.date()), e.language(), e.text(), modelId, dimension,
                vector, now};
    }

    /** pgvector column; the HNSW and GIN indexes are maintained by PostgreSQL. */
    static final class Postgres implements IndexStore {
        private final JdbcTemplate jdbc;

        Postgres(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void upsert(List<Entry> entries, String modelId, int dimension) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.batchUpdate("insert into evidence_index (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " on conflict (item_id) do update set text = excluded.text, language = excluded.language,"
                            + " model_id = excluded.model_id, dims = excluded.dims, embedding = excluded.embedding",
                    entries.stream().map(e -> row(e, modelId, dimension, new PGvector(e.vector()), now)).toList());
        }
    }

    /** Packed little-endian float32 bytes, searched exactly in memory. */
    static final class Embedded implements IndexStore {
        private final JdbcTemplate jdbc;

        Embedded(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void upsert(List<Entry> entries, String modelId, int dimension) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.batchUpdate("merge into evidence_index (" + COLUMNS + ") key (item_id)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    entries.stream().map(e -> row(e, modelId, dimension, pack(e.vector()), now)).toList());
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
