package com.journeyassistant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

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
    void writesTheModuleDiagramAndACanvasPerModule() throws java.io.IOException {
        new Documenter(modules).writeDocumentation();

        java.nio.file.Path docs = java.nio.file.Path.of("target", "spring-modulith-docs");
        String diagram = java.nio.file.Files.readString(docs.resolve("components.puml"));
        modules.forEach(module -> {
            assertThat(diagram).as("the diagram shows %s", module.getIdentifier()).containsIgnoringCase(module.getDisplayName());
            assertThat(docs.resolve("module-" + module.getIdentifier() + ".adoc")).as("its canvas").exists();
        });
    }

    @Test
    void thePlatformDependsOnNoFeatureModule() {
        var platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(modules.getModuleByName("journey").orElseThrow().getDirectDependencies(modules)
                .contains(platform)).isTrue();
    }
}
