package dev.witbox.maven;

import dev.witbox.wit.WitDiagnostic;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one-line messages the goal fails the build with. Maven prints a failure as {@code [ERROR] Failed to execute
 * goal ...: MESSAGE}, followed by the message of every cause the line does not already contain, so each message
 * here names the file, what is wrong and the fix, and contains whatever cause is chained to it.
 */
final class Failures {

    /** How to fix an output folder that cannot be written. */
    static final String OUTPUT_FIX = "point <outputDirectory> at a folder the build can write, which holds only"
            + " generated sources";

    /** How to fix a binary WIT package in {@code deps/} that is none. */
    static final String BINARY_FIX = "deps/ takes binary WIT packages as `wasm-tools component wit --wasm` writes"
            + " them, .wit files and folders of .wit files: rebuild or replace the file";

    private Failures() {
    }

    /**
     * The first WIT error as {@code file:line:col: error: message} (the package folder when the error is in no one
     * file), and how many more there are; every one of them is logged in full before.
     */
    static String summary(Path witDirectory, List<WitDiagnostic> diagnostics) {
        WitDiagnostic first = diagnostics.get(0);
        String file = first.file().equals("<input>") || first.file().isBlank() ? witDirectory.toString() : first.file();
        StringBuilder line = new StringBuilder(file);
        if (first.line() > 0) {
            line.append(':').append(first.line()).append(':').append(Math.max(first.column(), 1));
        }
        line.append(": error: ").append(first.message().replace('\n', ' '));
        if (first.line() == 0 && file.endsWith(".wasm")) {
            line.append("; ").append(BINARY_FIX);
        } else if (file.equals("<world>")) {
            line.append("; set <world> to a world of the package, or leave it out when the package has only one");
        }
        if (diagnostics.size() > 1) {
            line.append(" (and ").append(diagnostics.size() - 1).append(" more WIT error")
                    .append(diagnostics.size() > 2 ? "s" : "").append(", logged above)");
        }
        return line.toString();
    }

    /** Writing the generated sources failed: which file, why, and what to change. */
    static String cannotWrite(Path outputDirectory, IOException e) {
        String what;
        if (e instanceof FileAlreadyExistsException f) {
            what = f.getFile() + " is a file where a folder is needed";
        } else if (e instanceof AccessDeniedException f) {
            what = "no permission to write " + f.getFile();
        } else if (e instanceof FileSystemException f) {
            what = f.getMessage();
        } else {
            what = String.valueOf(e.getMessage());
        }
        return "cannot generate into " + outputDirectory + ": " + what + " (" + OUTPUT_FIX + ")";
    }
}
