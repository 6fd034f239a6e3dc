package dev.skillpath.gateway.webapp;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the learner web app: {@code /} is its page and {@code /app/**} its scripts and styles (plain ES modules,
 * from the jar's {@code webapp/} folder). The app talks only to {@code /api/v1} on the same origin, so its pages
 * carry a Content-Security-Policy that allows nothing from elsewhere and no inline script or style.
 */
@Singleton
public class WebApp {

    /** No inline script or style, nothing from another origin, no framing, no plugins, no form posts elsewhere. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final String ROOT = "webapp";
    static final String ASSETS = "/app/";

    private static final Logger LOG = Logger.getLogger(WebApp.class);

    private final StaticHandler files;

    WebApp(GatewayConfig config) {
        String dir = config.webapp().dir().orElse(null);
        if (dir != null) {
            Path folder = Path.of(dir).toAbsolutePath().normalize();
            if (!Files.isRegularFile(folder.resolve("index.html"))) {
                throw new IllegalStateException("skillpath.gateway.webapp.dir=" + dir + " holds no index.html");
            }
            LOG.infof("web app served from %s (read again on every request)", folder);
            files = StaticHandler.create(FileSystemAccess.ROOT, folder.toString()).setCachingEnabled(false)
                    .setFilesReadOnly(false);
        } else {
            files = StaticHandler.create(FileSystemAccess.RELATIVE, ROOT).setCachingEnabled(true).setMaxAgeSeconds(0);
        }
        files.setDirectoryListing(false).setIncludeHidden(false).setDefaultContentEncoding("UTF-8")
                .setSendVaryHeader(false).setIndexPage("index.html");
    }

    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, "^/$|^/index\\.html$|^" + ASSETS + ".*").handler(this::headers).handler(files);
        router.routeWithRegex(HttpMethod.HEAD, "^/$|^/index\\.html$|^" + ASSETS + ".*").handler(this::headers).handler(files);
    }

    private void headers(RoutingContext context) {
        HttpServerResponse response = context.response();
        secure(response);
        // file names carry no version: the browser asks again each time and gets a 304 while nothing changed
        response.putHeader("Cache-Control", "no-cache");
        context.next();
    }

    /** The headers of every page and asset of the app. */
    public static void secure(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    }
}
