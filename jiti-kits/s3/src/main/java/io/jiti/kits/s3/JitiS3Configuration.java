package io.jiti.kits.s3;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * What jiti adds to S3Mock, loaded into its JVM next to it: the server listens only where jiti says (the
 * main connector on {@code server.address}; S3Mock's extra plain-HTTP connector, which would listen on
 * every interface, is dropped), and every request must be signed with the bucket's credentials.
 */
@AutoConfiguration
public class JitiS3Configuration {

    /** Keeps only the main connector, which honours {@code server.address}. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> onlyTheLoopbackConnector() {
        return factory -> factory.setAdditionalConnectors(List.of());
    }

    /** Checks AWS Signature Version 4 against the credentials in the server's environment. */
    @Bean
    public SigV4Filter sigV4Filter() {
        return new SigV4Filter(Credentials.fromEnvironment(System.getenv()));
    }
}
