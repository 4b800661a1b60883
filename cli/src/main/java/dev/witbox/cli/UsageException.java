package dev.witbox.cli;

/** The command line asked for something that cannot be done as asked, such as a missing path. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
