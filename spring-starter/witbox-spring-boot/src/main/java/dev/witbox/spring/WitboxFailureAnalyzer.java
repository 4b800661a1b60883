package dev.witbox.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link WitboxStartupException}, however deep in the bean creation failures, into one clean report. */
final class WitboxFailureAnalyzer extends AbstractFailureAnalyzer<WitboxStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WitboxStartupException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
