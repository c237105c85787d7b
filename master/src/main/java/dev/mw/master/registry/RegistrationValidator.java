package dev.mw.master.registry;

import dev.mw.common.registration.Registration;
import dev.mw.master.group.GroupSpec;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.problem.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a registration before it can draw traffic; every rejection says what to fix. */
final class RegistrationValidator {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ShardRouter router;

    RegistrationValidator(ShardRouter router) {
        this.router = router;
    }

    /** @return the instance's base URL */
    URI validate(Registration registration) {
        if (registration == null) {
            throw ProblemException.badRequest("a JSON body {\"id\", \"group\", \"url\"} is required");
        }
        validateId(registration.id());
        validateGroup(registration.group());
        return validateUrl(registration.url());
    }

    static void validateId(String id) {
        if (id == null || id.isEmpty()) {
            throw ProblemException.badRequest("\"id\" is required");
        }
        if (!DNS_LABEL.matcher(id).matches()) {
            throw ProblemException.badRequest("\"id\" '" + id + "' is not a DNS label: 1-63 lower-case letters,"
                    + " digits or '-', starting and ending with a letter or digit");
        }
    }

    private void validateGroup(String group) {
        if (group == null || group.isEmpty()) {
            throw ProblemException.badRequest("\"group\" is required");
        }
        if (router.group(group).isEmpty()) {
            String known = router.groups().stream().map(GroupSpec::name).collect(Collectors.joining(", "));
            throw ProblemException.badRequest("unknown group '" + group + "'; the groups are " + known);
        }
    }

    private static URI validateUrl(String url) {
        if (url == null || url.isEmpty()) {
            throw ProblemException.badRequest("\"url\" is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("\"url\" '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ProblemException.badRequest("\"url\" '" + url + "' must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ProblemException.badRequest("\"url\" '" + url + "' has no host");
        }
        if (uri.getPort() < 0) {
            throw ProblemException.badRequest("\"url\" '" + url + "' must name a port, e.g. http://10.1.2.3:8081");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw ProblemException.badRequest("\"url\" '" + url + "' must be a base URL without user info, query or fragment");
        }
        return uri;
    }
}
