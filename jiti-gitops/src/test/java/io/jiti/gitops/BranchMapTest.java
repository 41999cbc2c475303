package io.jiti.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchMapTest {
    @Test
    void namesAndGlobsMapBranchesToEnvironments() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("main", "test");
        m.put("release/*", "staging");
        m.put("hotfix/**", "staging");
        m.put("*", "preview");
        BranchMap map = BranchMap.of(m);
        assertThat(map.environmentsFor("main")).containsExactly("test", "preview");
        assertThat(map.environmentsFor("release/1.2")).containsExactly("staging");
        assertThat(map.environmentsFor("release/1.2/x")).isEmpty();
        assertThat(map.environmentsFor("hotfix/a/b")).containsExactly("staging");
        assertThat(map.environmentsFor("feature")).containsExactly("preview");
        assertThat(map.branchOf("test")).contains("main");
        assertThat(map.branchOf("staging")).isEmpty();
        assertThatThrownBy(() -> BranchMap.of(Map.of("bad branch", "x"))).hasMessageContaining("not a branch name");
    }

    @Test
    void pushEventsOfBothHosts() {
        String sha = "a".repeat(40);
        PushEvent gh = PushEvent.gitHub(("{\"ref\":\"refs/heads/main\",\"after\":\"" + sha
                + "\",\"deleted\":false,\"pusher\":{\"name\":\"ada\"}}").getBytes());
        assertThat(gh).isEqualTo(new PushEvent(java.util.Optional.of("main"), sha, false, "ada"));
        PushEvent deleted = PushEvent.gitHub(("{\"ref\":\"refs/heads/x\",\"after\":\"" + "0".repeat(40)
                + "\",\"deleted\":true}").getBytes());
        assertThat(deleted.deleted()).isTrue();
        PushEvent tag = PushEvent.gitLab(("{\"ref\":\"refs/tags/v1\",\"after\":\"" + sha + "\"}").getBytes());
        assertThat(tag.branch()).isEmpty();
        assertThatThrownBy(() -> PushEvent.gitHub("{\"ref\":\"refs/heads/main\",\"after\":\"nope\"}".getBytes()))
                .hasMessageStartingWith("after:");
        assertThatThrownBy(() -> PushEvent.gitHub("[1]".getBytes())).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> PushEvent.gitHub("{".getBytes())).hasMessageStartingWith("body:");
    }
}
