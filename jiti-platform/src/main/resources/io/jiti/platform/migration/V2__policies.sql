-- Guardrail policies: CEL expressions over the planned stack of every deployment.
CREATE TABLE policies (
    name       VARCHAR(40) PRIMARY KEY,
    expression VARCHAR NOT NULL,
    message    VARCHAR NOT NULL,
    effect     VARCHAR(8) NOT NULL,
    created    BIGINT NOT NULL,
    created_by VARCHAR(40) NOT NULL
);
