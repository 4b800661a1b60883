package dev.witbox.api;

/**
 * The root of every exception witbox throws on purpose.
 *
 * <p>Host code can catch this one type to handle any refusal, trap or limit that comes from a
 * plugin or from its definition, while genuine bugs in witbox still surface as ordinary
 * runtime exceptions.
 */
public class WitboxException extends RuntimeException {

    public WitboxException(String message) {
        super(message);
    }

    public WitboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
