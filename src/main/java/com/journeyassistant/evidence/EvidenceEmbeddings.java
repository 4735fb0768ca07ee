package com.journeyassistant.evidence;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model for evidence and queries. The default runs in-process (ONNX, shipped
 * inside a Maven artifact, nothing downloaded at run time). Its id and dimension are stored
 * with every vector, so a change of model is noticed and everything is embedded again.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceEmbeddings {

    /** The model in use, with the id stored next to each vector. */
    record Embedder(String modelId, int dimension, EmbeddingModel model) {
        List<float[]> embed(List<String> texts) {
            return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                    .map(e -> e.vector()).toList();
        }

        float[] embed(String text) {
            return model.embed(text).content().vector();
        }
    }

    @Bean
    Embedder embedder() {
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        return new Embedder("in-process/all-minilm-l6-v2-q", model.dimension(), model);
    }
}
