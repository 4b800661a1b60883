package dev.witbox.sample.gallery;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Plugin failures as RFC 9457 problem details with the plugin's own message: a refused input is a
 * 4xx, a plugin that trapped or ran out of time is a 422 (that input broke it; the pool has
 * already replaced the instance), a pool with no free instance a 503. Never a 500.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(PluginRefusal.class)
    ProblemDetail refused(PluginRefusal e) {
        ProblemDetail problem = problem(e.status(), "the " + e.plugin() + " plugin refused the image", e.getMessage());
        problem.setProperty("plugin", e.plugin());
        problem.setProperty("function", e.function());
        problem.setProperty("kind", e.kind());
        return problem;
    }

    @ExceptionHandler(PluginTimeoutException.class)
    ProblemDetail timedOut(PluginTimeoutException e) {
        return plugin(HttpStatus.UNPROCESSABLE_ENTITY, "the plugin ran out of time", e);
    }

    @ExceptionHandler(PluginTrapException.class)
    ProblemDetail trapped(PluginTrapException e) {
        LOG.warn("plugin trapped: {}", e.getMessage());
        return plugin(HttpStatus.UNPROCESSABLE_ENTITY, "the plugin failed on this input", e);
    }

    @ExceptionHandler(PluginBusyException.class)
    ProblemDetail busy(PluginBusyException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "every instance of the plugin is busy; try again", e.getMessage());
    }

    @ExceptionHandler(WitboxException.class)
    ProblemDetail witbox(WitboxException e) {
        LOG.warn("plugin call failed: {}", e.getMessage());
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "the plugin call failed", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad request", e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooBig(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "upload too large",
                "the upload is over the gallery's limit (spring.servlet.multipart.max-file-size)");
    }

    private static ProblemDetail plugin(HttpStatus status, String title, PluginTrapException e) {
        ProblemDetail problem = problem(status, title, e.getMessage());
        problem.setProperty("plugin", e.pluginId());
        problem.setProperty("function", e.exportName());
        return problem;
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
