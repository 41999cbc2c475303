package io.jiti.platform;

import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.BlueprintReader;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed output contracts: what a service template requires of its environment against what environment
 * templates provide, checked when either is published and when an instance is created. A mismatch names both
 * sides.
 */
final class Contracts {
    private Contracts() {
    }

    /** A service template against every non-draft version of each environment template major it fits. */
    static void checkService(Blueprint service, Store store) {
        List<String> problems = new ArrayList<>();
        if (service.contract().environments().isEmpty() && !service.contract().requires().isEmpty()) {
            problems.add(service.id() + " requires environment outputs but names no environment template it fits"
                    + " ('environments: [NAME@MAJOR]')");
        }
        for (String fits : service.contract().environments()) {
            String name = fits.substring(0, fits.indexOf('@'));
            int major = Integer.parseInt(fits.substring(fits.indexOf('@') + 1));
            List<TemplateVersion> versions = store.templates(name).stream()
                    .filter(v -> v.version().major() == major && v.status() != TemplateStatus.DRAFT).toList();
            if (versions.isEmpty()) {
                problems.add(service.id() + " fits " + fits + ", which has no published version");
            }
            for (TemplateVersion v : versions) {
                if (v.kind() != TemplateKind.ENVIRONMENT) {
                    problems.add(service.id() + " fits " + fits + ", which is a service template");
                    continue;
                }
                problems.addAll(mismatches(service, read(v)));
            }
        }
        fail(problems);
    }

    /** An environment template against every non-draft service template that fits its major. */
    static void checkEnvironment(Blueprint environment, Store store) {
        String fits = environment.name() + "@" + environment.version().major();
        List<String> problems = new ArrayList<>();
        for (TemplateVersion v : store.templates(null)) {
            if (v.kind() == TemplateKind.SERVICE && v.status() != TemplateStatus.DRAFT) {
                Blueprint service = read(v);
                if (service.contract().environments().contains(fits)) {
                    problems.addAll(mismatches(service, environment));
                }
            }
        }
        fail(problems);
    }

    /** What {@code service} requires that {@code environment} does not provide (or provides as another type). */
    static List<String> mismatches(Blueprint service, Blueprint environment) {
        List<String> out = new ArrayList<>();
        Map<String, String> provides = environment.contract().provides();
        service.contract().requires().forEach((name, type) -> {
            String given = provides.get(name);
            if (given == null) {
                out.add(service.id() + " requires environment." + name + " (" + type + "); " + environment.id()
                        + " does not provide it");
            } else if (!compatible(type, given)) {
                out.add(service.id() + " requires environment." + name + " (" + type + "); " + environment.id()
                        + " provides it as " + given);
            }
        });
        return out;
    }

    private static boolean compatible(String required, String provided) {
        return required.equals(provided) || (required.equals("number") && provided.equals("integer"));
    }

    private static Blueprint read(TemplateVersion v) {
        return BlueprintReader.read(v.bundle(), v.id());
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw PlatformException.conflict("bundle", String.join("; ", problems));
        }
    }
}
