package dev.nightshift.sink.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer-token authentication and tenant isolation for the query API. The token setting (the value of
 * the environment variable named by {@code sink.tokenEnv}) is either
 * <ul>
 *   <li>empty or unset: no authentication, every run visible (local all-in-one use);</li>
 *   <li>one token: its holder sees every tenant;</li>
 *   <li>{@code tenant=token} pairs separated by commas, e.g. {@code acme=s3cret,globex=t0ken,*=admin}:
 *       each token sees only its tenant's runs, {@code *} sees all.</li>
 * </ul>
 * Tokens are compared in constant time and never logged.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    static final String TENANT_KEY = "nightshift.tenant";
    private static final String ALL = "*";
    private final Map<String, byte[]> tokenByTenant;

    private BearerAuth(Map<String, byte[]> tokenByTenant) {
        this.tokenByTenant = tokenByTenant;
    }

    public static BearerAuth open() {
        return new BearerAuth(Map.of());
    }

    /** Parses the token setting; {@code envName} is only used to name the variable in errors. */
    public static BearerAuth fromSetting(String envName, String value) {
        if (value == null || value.isBlank()) {
            return open();
        }
        Map<String, byte[]> tokens = new LinkedHashMap<>();
        String v = value.trim();
        if (!v.contains("=")) {
            tokens.put(ALL, v.getBytes(StandardCharsets.UTF_8));
            return new BearerAuth(tokens);
        }
        for (String pair : v.split(",")) {
            int eq = pair.indexOf('=');
            String tenant = eq < 0 ? "" : pair.substring(0, eq).trim();
            String token = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (tenant.isEmpty() || token.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + envName + " must hold one token or "
                        + "tenant=token pairs separated by commas (e.g. acme=s3cret,*=admin); one pair is malformed");
            }
            tokens.put(tenant, token.getBytes(StandardCharsets.UTF_8));
        }
        return new BearerAuth(tokens);
    }

    public boolean enabled() {
        return !tokenByTenant.isEmpty();
    }

    /** The tenant the request may see, or {@code null} for all tenants. */
    public static String tenantOf(RoutingContext ctx) {
        return ctx.get(TENANT_KEY);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!enabled()) {
            ctx.next();
            return;
        }
        Optional<String> tenant = authenticate(ctx.request().getHeader("Authorization"));
        if (tenant.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"nightshift\"");
            QueryApi.json(
                    ctx, 401, Map.of("error", "missing or wrong bearer token; send 'Authorization: Bearer <token>'"));
            return;
        }
        if (!ALL.equals(tenant.get())) {
            ctx.put(TENANT_KEY, tenant.get());
        }
        ctx.next();
    }

    Optional<String> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> e : tokenByTenant.entrySet()) {
            // check every token, so timing does not tell which tenant's token was close
            if (MessageDigest.isEqual(presented, e.getValue()) && match == null) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }
}
