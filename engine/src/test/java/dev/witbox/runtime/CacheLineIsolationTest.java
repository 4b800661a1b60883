package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.abi.ComponentInstance;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields every pooled call writes have their cache lines to themselves: at least 64 bytes of the same object
 * on either side, as the JVM running the test lays the classes out (header size, compressed pointers). So two
 * threads each calling their own instance write no common line, however a garbage collector placed the two
 * instances' objects. The offsets come from {@code sun.misc.Unsafe}, the one public way to read them.
 */
class CacheLineIsolationTest {

    private static final int LINE = 64;

    @Test
    void aPoolEntrysLeaseStateAndCountsHaveTheirCacheLinesToThemselves() throws Exception {
        assertIsolated(PoolEntry.class, "state", "uses", "idleSince");
    }

    @Test
    void aComponentInstancesCallFlagsHaveTheirCacheLinesToThemselves() throws Exception {
        assertIsolated(ComponentInstance.class, "mayEnter", "mayLeave", "outstandingBorrows", "epoch");
    }

    private static void assertIsolated(Class<?> type, String... hot) throws Exception {
        sun.misc.Unsafe unsafe = unsafe();
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f);
                }
            }
        }
        long end = 0;
        for (Field f : fields) {
            end = Math.max(end, unsafe.objectFieldOffset(f) + width(f.getType()));
        }
        for (String name : hot) {
            Field f = fields.stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
            long offset = unsafe.objectFieldOffset(f);
            assertThat(offset).as("bytes of %s before %s", type.getSimpleName(), name).isGreaterThanOrEqualTo(LINE);
            assertThat(end - (offset + width(f.getType())))
                    .as("bytes of %s after %s", type.getSimpleName(), name).isGreaterThanOrEqualTo(LINE);
        }
    }

    private static int width(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        return type == byte.class || type == boolean.class ? 1 : 4; // references: 4 with compressed oops, else 8
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }
}
