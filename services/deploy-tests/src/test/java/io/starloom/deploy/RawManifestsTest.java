package io.starloom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Runs without kubectl: every manifest file under deploy/kubernetes (bases, components, overlay patches)
 * parses into fabric8's model with no unknown field, and no image is left on a moving tag. The overlays
 * themselves need kubectl to render (RenderedOverlaysTest and the others).
 */
class RawManifestsTest {

    @Test
    void everyManifestFileParsesWithoutUnknownFields() {
        List<Path> files = Manifests.rawObjectFiles();
        assertThat(files).hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = Manifests.kubernetesDirectory().relativize(file).toString();
            for (HasMetadata object : Manifests.parse(Manifests.read(file))) {
                if (object instanceof GenericKubernetesResource) {
                    if (!object.getApiVersion().startsWith("keda.sh/")) {
                        problems.add(name + ": " + object.getApiVersion() + "/" + object.getKind() + " is of no known kind");
                    }
                    continue;
                }
                // Strategic-merge directives ($patch: replace …) are Kustomize's, legitimate in patch files; the
                // rendered output, checked by RenderedOverlaysTest, has none left.
                UnknownFields.in(object).stream().filter(path -> !path.substring(path.lastIndexOf('.') + 1).startsWith("$"))
                        .forEach(path -> problems.add(name + ": " + object.getKind() + " " + object.getMetadata().getName()
                        + " has unknown field " + path));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noImageOnTheLatestTag() {
        for (Path file : Manifests.rawObjectFiles()) {
            assertThat(Manifests.read(file).lines().filter(l -> l.strip().startsWith("image:")))
                    .as(file.toString()).noneMatch(l -> l.strip().endsWith(":latest"));
        }
    }

    @Test
    void theFieldCheckCatchesAMisspeltField() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          imagePullPolcy: Always
                """;
        assertThat(UnknownFields.in(Manifests.parse(misspelt).get(0))).containsExactly("spec.template.spec.containers[0].imagePullPolcy");
    }
}
