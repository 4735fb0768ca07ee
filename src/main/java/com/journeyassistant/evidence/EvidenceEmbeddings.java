package com.journeyassistant.evidence;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model for evidence and queries. The default, E5-small-v2 (quantized), runs
 * in-process (ONNX, shipped inside a Maven artifact, nothing downloaded at run time). Its id and dimension are stored
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

    /** Loading the ONNX model takes seconds; it happens on first use, so start-up does not wait for it. */
    @Bean
    Embedder embedder() {
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
