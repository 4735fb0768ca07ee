package com.journeyassistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import tools.jackson.databind.JsonNode;

/** Each top-level package is a module; only their public API may be used across modules. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(JourneyAssistantApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    /**
     * The current picture, written into the build output (target/spring-modulith-docs): the module
     * diagram (components.puml), one diagram and one canvas per module, and all-docs.adoc.
     */
    @Test
    void writesTheModuleDiagramAndACanvasPerModule() throws IOException {
        new Documenter(modules).writeDocumentation();

        Path docs = Path.of("target", "spring-modulith-docs");
        String diagram = Files.readString(docs.resolve("components.puml"));
        modules.forEach(module -> {
            assertThat(diagram).as("the diagram shows %s", module.getIdentifier()).containsIgnoringCase(module.getDisplayName());
            assertThat(docs.resolve("module-" + module.getIdentifier() + ".adoc")).as("its canvas").exists();
        });
    }

    /** Modules hand each other typed records, never a JSON tree to dig through. */
    @Test
    void noJsonTreeCrossesAModuleBoundary() {
        ArchRuleDefinition.noMethods().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .should().haveRawReturnType(JsonNode.class)
                .orShould(new ArchCondition<JavaMethod>(
                        "take a JsonNode") {
                    @Override
                    public void check(JavaMethod method,
                                      ConditionEvents events) {
                        if (method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(JsonNode.class))) {
                            events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " takes a JsonNode"));
                        }
                    }
                })
                .because("other modules would have to know the JSON's shape")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.journeyassistant"));
    }

    @Test
    void thePlatformDependsOnNoFeatureModule() {
        var platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(modules.getModuleByName("journey").orElseThrow().getDirectDependencies(modules)
                .contains(platform)).isTrue();
    }
}
