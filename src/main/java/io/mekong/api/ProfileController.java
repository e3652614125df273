package io.mekong.api;

import io.mekong.profile.ProfileReader;
import io.mekong.profile.ProfileReader.Profile;
import io.mekong.profile.ProfileSearch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The single customer view: profile search and one profile's 360° view (docs/identity.md, "The 360° API"). A profile
 * of another workspace is a 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/profiles")
class ProfileController {

    private final ProfileSearch search;
    private final ProfileReader reader;
    private final ConnectionAccess access;

    ProfileController(ProfileSearch search, ProfileReader reader, ConnectionAccess access) {
        this.search = search;
        this.reader = reader;
        this.access = access;
    }

    /**
     * @param q         a name or part of one, any case, with or without diacritics
     * @param after     the previous page's {@code next}
     * @param workspace admins and operators: only this workspace's profiles
     */
    @GetMapping
    ProfileSearch.Page search(@RequestParam(required = false) String email, @RequestParam(required = false) String phone,
                              @RequestParam(required = false) String q, @RequestParam(required = false) Long after,
                              @RequestParam(defaultValue = "50") int limit,
                              @RequestParam(required = false) String workspace) {
        return search.search(access.workspace(workspace), email, phone, q, after, limit);
    }

    @GetMapping("/{id}")
    Profile profile(@PathVariable long id, @RequestParam(required = false) String workspace) {
        return reader.profile(id, access.workspace(workspace)).orElseThrow(() -> new NotFoundException("Profile " + id));
    }
}
