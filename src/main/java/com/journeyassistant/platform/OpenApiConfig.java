package com.journeyassistant.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The API's contract. Besides what springdoc reads from the controllers, every operation lists the problems it can
 * answer, all in one shared {@code Problem} schema (RFC 9457 with the fields that were wrong in {@code errors}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** Operations of these modules ask the language model: they can answer what a model call can go wrong with. */
    private static final Set<String> MODEL_MODULES = Set.of("generation", "chat", "batch");

    static {
        // a merge patch is any JSON object, and an event stream is text: neither is the Java class behind it
        SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class,
                        new ObjectSchema().description("a JSON object: the fields to change, null to clear one"))
                .replaceWithSchema(org.springframework.web.servlet.mvc.method.annotation.SseEmitter.class,
                        new StringSchema().description("server-sent events, each with a name and a JSON data line"));
    }

    @Bean
    OpenAPI journeyAssistantApi() {
        return new OpenAPI()
                .info(new Info().title("Journey Assistant API")
                        .description("Journey maps, evidence and grounded generation. Every /api call needs "
                                + "Authorization: Bearer <api key>; errors are RFC 9457 problem documents.")
                        .version("v1"))
                // fixed, so that the document is the same wherever it is read (a client is generated from it)
                .servers(List.of(new Server().url("http://localhost:8080")
                        .description("the service as the README starts it; use your own host")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSchemas("FieldError", fieldError())
                        .addSchemas(PROBLEM, problem()))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (mapping == null || !handler.getBeanType().getPackageName().startsWith("com.journeyassistant")) {
                return operation;
            }
            boolean read = List.of(mapping.method()).contains(RequestMethod.GET);
            boolean hasPathVariable = operation.getParameters() != null
                    && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()) && !"ws".equals(p.getName()));
            boolean hasIfMatch = operation.getParameters() != null
                    && operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()));
            if (operation.getRequestBody() == null && mapping.consumes().length > 0) {
                // an upload read as a stream: the body is the file, in the media type its Content-Type names
                Content files = new Content();
                for (String type : mapping.consumes()) {
                    files.addMediaType(type, new MediaType().schema(new StringSchema().format("binary")));
                }
                operation.setRequestBody(new RequestBody().required(true).content(files)
                        .description("The file, read as a stream in the media type that Content-Type names"));
            }
            String module = handler.getBeanType().getPackageName().substring("com.journeyassistant.".length());
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("400", "The request is malformed, or a field is wrong (named in errors)");
            if (handler.getBeanType() == OperatorController.class) {
                // the operator key is all or nothing, and without one configured the operator API is not there
                problems.put("401", "No operator key, or a wrong one");
                problems.put("404", "The operator API is off (no operator key is configured), or there is no such"
                        + " workspace");
            } else {
                problems.put("401", "No API key, or one that is unknown or revoked");
                problems.put("403", "The API key's role may not do this");
            }
            if (hasPathVariable) {
                problems.putIfAbsent("404", "No such item in this workspace");
            }
            if (!read) {
                problems.put("409", "The change conflicts with the item as it is now (a stale version, or data it needs"
                        + " was removed)");
            }
            if (hasIfMatch) {
                problems.put("428", "No version given: send If-Match or the version field");
            }
            if (operation.getRequestBody() != null) {
                problems.put("413", "The body is larger than allowed");
                problems.put("415", "The body is not of a media type this operation reads");
            }
            if (!read && MODEL_MODULES.contains(module)) {
                problems.put("422", "The model's answer broke the rules after a repair round, or there is nothing to"
                        + " ground it in");
                problems.put("429", "A quota of the workspace or key is used up, or the provider's rate limit holds;"
                        + " try again after Retry-After");
                problems.put("502", "The model could not be reached or gave no usable answer");
                problems.put("503", "No model is configured, or its circuit is open; the detail says how to proceed");
            }
            problems.put("500", "Something went wrong on our side; nothing was changed");
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            problems.forEach((status, description) -> responses.putIfAbsent(status, problemResponse(description)));
            operation.setResponses(responses);
            return operation;
        };
    }

    /** The workspace in every path comes from the API key, and is checked against it; it is a parameter all the same. */
    @Bean
    OpenApiCustomizer workspaceParameter() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.contains("{ws}")) {
                    return;
                }
                item.readOperations().forEach(operation -> {
                    boolean declared = operation.getParameters() != null
                            && operation.getParameters().stream().anyMatch(p -> "ws".equals(p.getName()));
                    if (!declared) {
                        operation.addParametersItem(new Parameter().in("path").name("ws").required(true)
                                .schema(new StringSchema())
                                .description("The workspace's slug; it must be the API key's own workspace"));
                    }
                });
            });
        };
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    }

    private static Schema<?> problem() {
        return new ObjectSchema().description("An RFC 9457 problem document")
                .addProperty("type", new StringSchema().format("uri").description("about:blank unless stated"))
                .addProperty("title", new StringSchema().description("what went wrong, in a few words"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong and what to do about it"))
                .addProperty("instance", new StringSchema().format("uri").description("the request's path"))
                .addProperty("errors", new ArraySchema().description("each field that is wrong")
                        .items(new Schema<>().$ref("#/components/schemas/FieldError")))
                .required(List.of("title", "status"));
    }

    private static Schema<?> fieldError() {
        return new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field's path, such as goals[1] or body"))
                .addProperty("message", new StringSchema().description("why it is wrong"))
                .addProperty("line", new IntegerSchema().description("the line of an upload, where there is one"))
                .required(List.of("field", "message"));
    }
}
