package com.journeyassistant.support;

import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import java.util.UUID;

/** A fresh workspace per test, with one key of each role, so tests never share data. */
public record TestWorkspace(String slug, UUID id, Api admin, Api editor, Api viewer) {

    public static TestWorkspace create(Workspaces workspaces, int port) {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 12);
        Workspaces.Workspace workspace = workspaces.create(slug, "Test " + slug);
        return new TestWorkspace(slug, workspace.id(),
                new Api(port, workspaces.issueKey(workspace.id(), "admin", Role.ADMIN).secret()),
                new Api(port, workspaces.issueKey(workspace.id(), "editor", Role.EDITOR).secret()),
                new Api(port, workspaces.issueKey(workspace.id(), "viewer", Role.VIEWER).secret()));
    }

    public String path(String rest) {
        return "/api/workspaces/" + slug + rest;
    }

    /** Waits until the background indexer has embedded all of this workspace's evidence. */
    public void awaitEvidenceIndexed() throws InterruptedException {
        org.awaitility.Awaitility.await("evidence of " + slug + " indexed").atMost(java.time.Duration.ofSeconds(60))
                .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> viewer.get(path("/evidence/index")).json().path("pending").asInt() == 0);
    }
}
