package com.journeyassistant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; only their public API may be used across modules. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(JourneyAssistantApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void thePlatformDependsOnNoFeatureModule() {
        var platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(modules.getModuleByName("journey").orElseThrow().getDirectDependencies(modules)
                .contains(platform)).isTrue();
    }
}
