-- What the provider reported about each deployed target, sampled by the server for the console's charts.
CREATE TABLE metric_samples (
    target     VARCHAR(100) NOT NULL,
    at         BIGINT NOT NULL,
    rps        DOUBLE PRECISION NOT NULL,
    p99_ms     DOUBLE PRECISION NOT NULL,
    error_rate DOUBLE PRECISION NOT NULL,
    instances  INT NOT NULL,
    PRIMARY KEY (target, at)
);
CREATE INDEX metric_samples_at ON metric_samples (at);
