package io.mekong.mapping;

import java.util.List;

/** The results of mapping one page, in source order; every input record is exactly one result. */
public record MappedPage(String entity, List<MappingResult> results) {

    public MappedPage {
        results = List.copyOf(results);
    }
}
