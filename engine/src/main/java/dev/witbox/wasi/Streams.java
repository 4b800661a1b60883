package dev.witbox.wasi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host objects behind {@code wasi:io} resources. */
final class Streams {

    private Streams() {}

    /** An {@code input-stream}. {@link #read} answers null at the end. */
    abstract static class In {
        abstract byte[] read(int max) throws IOException;
    }

    /** An {@code output-stream}. */
    abstract static class Out {
        abstract void write(byte[] bytes) throws IOException;

        void flush() throws IOException {}
    }

    /** A stream's {@code error} resource, with the file system error code behind it when there is one. */
    record Error(String message, String errorCode) {}

    /** A {@code pollable}: ready at a monotonic instant, or always ({@code deadline} &lt; 0). */
    record Pollable(long deadline) {}

    /** Stdin: the bytes the policy gives, shared by every stdin stream of the instance. */
    static final class BytesIn extends In {
        private final byte[] bytes;
        private int pos;

        BytesIn(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        byte[] read(int max) {
            if (pos >= bytes.length) {
                return null;
            }
            int n = Math.min(max, bytes.length - pos);
            byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
            pos += n;
            return out;
        }

        /** Back to the first byte (a pooled instance's next lease reads stdin anew). */
        void rewind() {
            pos = 0;
        }
    }

    /** Reads a file from an offset on; the descriptor's channel is shared. */
    static final class FileIn extends In {
        private final FileChannel channel;
        private long pos;

        FileIn(FileChannel channel, long pos) {
            this.channel = channel;
            this.pos = pos;
        }

        @Override
        byte[] read(int max) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(max);
            int n = channel.read(buf, pos);
            if (n < 0) {
                return null;
            }
            pos += n;
            return Arrays.copyOf(buf.array(), n);
        }
    }

    /** Writes a file from an offset on, or at its end for append. */
    static final class FileOut extends Out {
        private final FileChannel channel;
        private final boolean append;
        private long pos;

        FileOut(FileChannel channel, long pos, boolean append) {
            this.channel = channel;
            this.pos = pos;
            this.append = append;
        }

        @Override
        void write(byte[] bytes) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long at = append ? channel.size() : pos;
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
            pos = at;
        }
    }

    /** An output stream onto the instance's stdout or stderr sink. */
    static final class SinkOut extends Out {
        final Sink sink;

        SinkOut(Sink sink) {
            this.sink = sink;
        }

        @Override
        void write(byte[] bytes) {
            sink.write(bytes);
        }

        @Override
        void flush() {
            sink.flush();
        }
    }

    /** Where stdout or stderr goes for one instance, as the policy says. */
    static final class Sink {
        private final WasiPolicy.Output output;
        /** Kept for the next lease unless it grew large (then a pooled instance would hold it while idle). */
        private ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Logger logger;
        private final boolean isStderr;
        private long dropped;

        Sink(WasiPolicy.Output output, String pluginId, boolean isStderr) {
            this.output = output;
            this.isStderr = isStderr;
            this.logger = output instanceof WasiPolicy.Logger
                    ? LoggerFactory.getLogger("witbox.plugin." + pluginId + (isStderr ? ".stderr" : ".stdout"))
                    : null;
        }

        synchronized void write(byte[] bytes) {
            if (output instanceof WasiPolicy.Capture c) {
                int room = (int) Math.max(0, Math.min(bytes.length, (long) c.maxBytes() - captured.size()));
                captured.write(bytes, 0, room);
                dropped += bytes.length - room;
            } else if (output instanceof WasiPolicy.Logger) {
                for (byte b : bytes) {
                    if (b == '\n') {
                        emitLine();
                    } else if (line.size() < 64 * 1024) {
                        line.write(b);
                    }
                }
            } else if (output instanceof WasiPolicy.Inherit) {
                PrintStream ps = isStderr ? System.err : System.out;
                ps.write(bytes, 0, bytes.length);
            } else if (output instanceof WasiPolicy.ToStream t) {
                try {
                    t.stream().write(bytes);
                } catch (java.io.IOException e) {
                    dropped += bytes.length;
                }
            }
        }

        private void emitLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (isStderr) {
                logger.warn("{}", text);
            } else {
                logger.info("{}", text);
            }
        }

        synchronized void flush() {
            if (output instanceof WasiPolicy.Inherit) {
                (isStderr ? System.err : System.out).flush();
            } else if (output instanceof WasiPolicy.ToStream t) {
                try {
                    t.stream().flush();
                } catch (java.io.IOException e) {
                    // the host's stream failed: nothing to tell the guest
                }
            }
        }

        /** Writes out a pending partial line (logger) at the end of the instance. */
        synchronized void close() {
            if (logger != null && line.size() > 0) {
                emitLine();
            }
            flush();
        }

        /**
         * Ends a pooled instance's lease: what it wrote is delivered (a pending partial line logged, the host's
         * stream flushed) and the capture and its dropped count are cleared for the next lease.
         */
        synchronized void reset() {
            close();
            if (captured.size() > 64 * 1024) {
                captured = new ByteArrayOutputStream();
            } else {
                captured.reset();
            }
            dropped = 0;
        }

        synchronized byte[] captured() {
            return captured.toByteArray();
        }

        synchronized long dropped() {
            return dropped;
        }
    }
}
