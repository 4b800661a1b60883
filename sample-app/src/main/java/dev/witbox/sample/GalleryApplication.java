package dev.witbox.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * gallery: a photo service whose image work is done by WebAssembly plugins written in C, Rust and
 * AssemblyScript, run by witbox inside this JVM. {@code java -jar sample-app/target/witbox-sample.jar}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GalleryApplication {

    public static void main(String[] args) {
        SpringApplication.run(GalleryApplication.class, args);
    }
}
