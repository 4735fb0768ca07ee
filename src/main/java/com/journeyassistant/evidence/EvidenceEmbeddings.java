package com.journeyassistant.evidence;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedding model for evidence and queries. The default, E5-small-v2 (quantized), runs
 * in-process (ONNX, shipped inside a Maven artifact, nothing downloaded at run time); an
 * OpenAI-compatible endpoint can take its place. Text reaching either is already redacted. Its id and dimension are stored
 * with every vector, so a change of model is noticed and everything is embedded again.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceEmbeddings {

    /**
     * The model in use, with the id stored next to each vector. Asymmetric models such as E5 were
     * trained with a marker before queries and before the passages they should find.
     */
    record Embedder(String modelId, int dimension, Supplier<EmbeddingModel> model, String queryPrefix,
                    String passagePrefix) {
        List<float[]> embedPassages(List<String> texts) {
            return model.get().embedAll(texts.stream().map(t -> TextSegment.from(passagePrefix + t)).toList()).content()
                    .stream().map(e -> e.vector()).toList();
        }

        float[] embedQuery(String text) {
            return model.get().embed(queryPrefix + text).content().vector();
        }
    }

    /**
     * The in-process model unless {@code journey.embedding.base-url} names an OpenAI-compatible
     * endpoint. Loading the ONNX model takes seconds; it happens on first use, so start-up does not wait for it.
     */
    @Bean
    Embedder embedder(Environment settings) {
        String baseUrl = settings.getProperty("journey.embedding.base-url", "");
        return baseUrl.isBlank() ? inProcess() : remote(baseUrl, settings);
    }

    private static Embedder remote(String baseUrl, Environment settings) {
        String model = settings.getProperty("journey.embedding.model", "");
        if (model.isBlank()) {
            throw new IllegalStateException("journey.embedding.base-url is set, so journey.embedding.model"
                    + " (JOURNEY_EMBEDDING_MODEL) must name the embedding model to use");
        }
        int dimension = settings.getProperty("journey.embedding.dimensions", Integer.class, 384);
        OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
                .baseUrl(baseUrl)
                .apiKey(settings.getProperty("journey.embedding.api-key", ""))
                .modelName(model)
                .timeout(settings.getProperty("journey.embedding.timeout", Duration.class, Duration.ofSeconds(30)))
                .maxRetries(settings.getProperty("journey.embedding.max-retries", Integer.class, 2))
                .maxSegmentsPerBatch(settings.getProperty("journey.embedding.batch-size", Integer.class, 64));
        if (settings.getProperty("journey.embedding.send-dimensions", Boolean.class, false)) {
            builder.dimensions(dimension);
        }
        EmbeddingModel checked = new DimensionChecked(builder.build(), dimension);
        return new Embedder("remote/" + model, dimension, () -> checked,
                settings.getProperty("journey.embedding.query-prefix", ""),
                settings.getProperty("journey.embedding.passage-prefix", ""));
    }

    /**
     * A remote model's answers are checked before they are stored: one vector per text, each of
     * the configured dimension. Any failure of the service surfaces as {@link EmbeddingUnavailableException}.
     */
    private record DimensionChecked(EmbeddingModel delegate, int dimension) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            Response<List<Embedding>> response;
            try {
                response = delegate.embedAll(segments);
            } catch (RuntimeException e) {
                throw new EmbeddingUnavailableException("the embedding service failed: " + e.getClass().getSimpleName(), e);
            }
            List<Embedding> embeddings = response == null ? null : response.content();
            if (embeddings == null || embeddings.size() != segments.size()) {
                throw new EmbeddingUnavailableException("the embedding service returned "
                        + (embeddings == null ? "no" : embeddings.size()) + " vectors for " + segments.size() + " texts", null);
            }
            for (Embedding embedding : embeddings) {
                if (embedding == null || embedding.vector() == null || embedding.vector().length != dimension) {
                    throw new EmbeddingUnavailableException("the embedding service returned a vector of "
                            + (embedding == null || embedding.vector() == null ? 0 : embedding.vector().length)
                            + " dimensions where journey.embedding.dimensions is " + dimension, null);
                }
            }
            return response;
        }

        @Override
        public int dimension() {
            return dimension;
        }
    }

    private static Embedder inProcess() {
        int dimension = 384;
        return new Embedder("in-process/e5-small-v2-q", dimension, lazily(() -> {
            EmbeddingModel model = new E5SmallV2QuantizedEmbeddingModel();
            if (model.dimension() != dimension) {
                throw new IllegalStateException("E5-small-v2 gives " + model.dimension() + " dimensions, not " + dimension);
            }
            return model;
        }), "query: ", "passage: ");
    }

    private static Supplier<EmbeddingModel> lazily(Supplier<EmbeddingModel> factory) {
        return new Supplier<>() {
            private volatile EmbeddingModel model;

            @Override
            public EmbeddingModel get() {
                if (model == null) {
                    synchronized (this) {
                        if (model == null) {
                            model = factory.get();
                        }
                    }
                }
                return model;
            }
        };
    }
}
