package dev.witbox.sample.gallery;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle("the " + e.plugin() + " plugin refused the image");
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("every instance of the plugin is busy; try again");
        return problem;
    }

    @ExceptionHandler(WitboxException.class)
    ProblemDetail witbox(WitboxException e) {
        LOG.warn("plugin call failed: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("the plugin call failed");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("bad request");
        return problem;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooBig(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "the upload is over the gallery's limit (spring.servlet.multipart.max-file-size)");
        problem.setTitle("upload too large");
        return problem;
    }

    private static ProblemDetail plugin(HttpStatus status, String title, PluginTrapException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        problem.setProperty("plugin", e.pluginId());
        problem.setProperty("function", e.exportName());
        return problem;
    }
}
