package dev.witbox.internal.chicory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a WASI preview 1 core module is granted, in plain Java: {@link PreviewOneCommand} runs the
 * module on Chicory's preview 1 implementation and asks this object for everything the policy
 * decides. The WASI host ({@code dev.witbox.wasi}) implements it from its policy; this package knows
 * nothing of that policy, and the host nothing of Chicory.
 *
 * <p>Paths are never resolved by Chicory: every path a guest passes is resolved here, inside its
 * preopen, to a list of names from the preopen's root with no symbolic link among them (but possibly
 * the last, when not followed), and only that is handed to Chicory.
 */
public interface PreviewOneGrants {

    /** A refused or failed file system operation: {@code code} is the WASI 0.2 {@code error-code} case name. */
    final class Refusal extends Exception {
        private final String code;

        public Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A preopened directory: its guest path and real host path. */
    record Dir(String guestPath, Path hostPath) {}

    /** Whether an operation reads or changes what a path names. */
    enum Access { READ, CHANGE }

    List<String> args();

    Map<String, String> env();

    InputStream stdin();

    /** Writes a guest's bytes to its stdout ({@code fd} 1) or stderr (2). */
    void write(int fd, byte[] bytes);

    List<Dir> preopens();

    /** Nanoseconds since the epoch. */
    long wallNanos();

    /** Nanoseconds of the monotonic clock. */
    long monotonicNanos();

    /** Blocks until {@link #monotonicNanos()} reaches {@code deadline}. */
    void sleepUntil(long deadline);

    /** Fills {@code into} with random bytes. */
    void randomBytes(byte[] into);

    int maxWriteBytes();

    int maxOpenFiles();

    int maxRandomBytes();

    /**
     * Resolves {@code path}, relative to the directory {@code dir} (names from the root of preopen
     * {@code root}), inside that preopen.
     *
     * @return the names from the preopen's root (none when the path names the preopen itself, which the
     *         caller refuses or allows as its operation does)
     * @throws Refusal when the path leads out of the preopen, or {@code access} is CHANGE in a read-only one
     */
    List<String> resolve(int root, List<String> dir, String path, boolean followLast, Access access) throws Refusal;

    /** Whether preopen {@code root} is read-only. */
    boolean readOnly(int root);

    /** Creates the symbolic link {@code linkPath} (relative to {@code dir}) to {@code target}, which must stay inside. */
    void symlink(int root, List<String> dir, String target, String linkPath) throws Refusal;

    /** Renames {@code from} (relative to {@code fromDir}) to {@code to}, both inside their preopens. */
    void rename(int fromRoot, List<String> fromDir, String from, int toRoot, List<String> toDir, String to) throws Refusal;

    /**
     * Makes the hard link {@code to} (relative to {@code toDir}) to {@code from} (relative to
     * {@code fromDir}, its last component never followed), both inside one preopen.
     */
    void link(int fromRoot, List<String> fromDir, String from, int toRoot, List<String> toDir, String to) throws Refusal;

    /**
     * Sets the access and modification times of {@code path} (relative to {@code dir}); with
     * {@code followLast} false, those of a symbolic link itself. A time is left as it is when null.
     * {@code atimeNanos}/{@code mtimeNanos} are nanoseconds since the epoch, or null to leave it as it is.
     */
    void setTimes(int root, List<String> dir, String path, boolean followLast, Long atimeNanos, Long mtimeNanos)
            throws Refusal;

    /** The target of the symbolic link {@code path}, as stored. */
    String readlink(int root, List<String> dir, String path) throws Refusal;

    /** Counts and logs an attempt the policy refused. */
    void denied(String what);
}
