package io.jiti.examples.spring;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Notes in PostgreSQL: GET /notes lists them, POST /notes (the body is the text) adds one. */
@SpringBootApplication
@RestController
public class NotesApplication {
    static final String GREETING = "notes v1";
    private final JdbcClient db;

    public NotesApplication(JdbcClient db) {
        this.db = db;
    }

    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }

    @GetMapping("/")
    public String hello() {
        return GREETING;
    }

    @GetMapping("/notes")
    public List<Map<String, Object>> notes() {
        return db.sql("SELECT id, body FROM notes ORDER BY id").query().listOfRows();
    }

    @PostMapping("/notes")
    public Map<String, Object> add(@RequestBody String body) {
        long id = db.sql("INSERT INTO notes (body) VALUES (?) RETURNING id").param(body).query(Long.class).single();
        return Map.of("id", id, "body", body);
    }
}
