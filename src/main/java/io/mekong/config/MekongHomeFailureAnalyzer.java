package io.mekong.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start from the wrong folder into Spring Boot's short "APPLICATION FAILED TO START" report. */
class MekongHomeFailureAnalyzer extends AbstractFailureAnalyzer<MekongHome.MissingHomeFoldersException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MekongHome.MissingHomeFoldersException cause) {
        return new FailureAnalysis(cause.getMessage() + ": it needs " + String.join("/, ", MekongHome.FOLDERS)
                + "/ to know which systems it connects, how records map and which routes run.",
                "Start Mekong from the folder that holds connectors/, mappings/ and routes/ (the release's top folder), "
                        + "or set MEKONG_HOME to that folder. The Docker image sets it for you.", cause);
    }
}
