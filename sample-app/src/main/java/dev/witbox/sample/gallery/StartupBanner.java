package dev.witbox.sample.gallery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the page is once the application serves: the one line a new user looks for. */
@Component
class StartupBanner {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String url = "http://localhost:" + web.getWebServer().getPort() + "/";
            LOG.info("gallery is ready: open {}", url);
            System.out.println("gallery is ready: open " + url);
        }
    }
}
