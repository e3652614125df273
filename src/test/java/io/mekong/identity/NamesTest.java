package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void vietnameseNamesCompareWithoutDiacriticsCaseOrSpacing() {
        assertThat(Names.fold("Đặng Thị  Hồng")).isEqualTo("dang thi hong");
        assertThat(Names.fold(" dang thi hong ")).isEqualTo("dang thi hong");
        assertThat(Names.fold("Nguyễn Văn Ánh")).isEqualTo(Names.fold("NGUYEN VAN ANH"));
    }

    @Test
    void decomposedInputFoldsLikeComposed() {
        String decomposed = java.text.Normalizer.normalize("Phạm Ngọc Ánh", java.text.Normalizer.Form.NFD);
        assertThat(Names.fold(decomposed)).isEqualTo(Names.fold("Phạm Ngọc Ánh")).isEqualTo("pham ngoc anh");
    }

    @Test
    void blankOrMaskedNamesAreNoName() {
        assertThat(Names.fold(null)).isNull();
        assertThat(Names.fold("  ")).isNull();
        assertThat(Names.fold("P******n")).isNull();
    }

    @Test
    void compatibleNamesAllowWordOrderAMissingMiddleNameAndOneTypoButNotAnotherPerson() {
        assertThat(Names.compatible("nguyen van an", "an nguyen")).isTrue();
        assertThat(Names.compatible("hoai phong vu", "hoai pohng vu")).as("two letters swapped").isTrue();
        assertThat(Names.compatible("thu nhung huynh", "thu nhng huynh")).as("a letter dropped").isTrue();
        assertThat(Names.compatible("nguyen van hung", "nguyen thi lan")).as("a household").isFalse();
        assertThat(Names.compatible("hung nguyen", "hung nguyn")).as("one typo is allowed").isTrue();
        assertThat(Names.compatible("hunh nguyn", "hung nguyen")).as("two typos are not").isFalse();
        assertThat(Names.compatible("an nguyen", "anh nguyen")).as("short words (An, Anh: two names) never count as typos")
                .isFalse();
    }

    @Test
    void aTypoIsMatchedWithTheWordLeftOverForItWhicheverNameComesFirst() {
        // "trang" is one letter from "tran" too: matched first, it would leave "tran" with no word to match
        assertThat(Names.compatible("bao trang tran", "tran bao trnag")).isTrue();
        assertThat(Names.compatible("tran bao trnag", "bao trang tran")).isTrue();
        assertThat(Names.compatible("bao trang tran", "tran bao trnag hoa")).isTrue();
        assertThat(Names.compatible("bao trnag trna", "bao trang tran")).as("two typos").isFalse();
    }

    @Test
    void peopleCountsTheSpellingsOfOnePersonOnce() {
        assertThat(Names.people(List.of("nguyen van an", "an nguyen", "nguyen van an", "tran thi binh"))).isEqualTo(2);
        assertThat(Names.people(java.util.Arrays.asList("an nguyen", null))).isEqualTo(1);
    }

    @Test
    void peopleCountedNoFurtherThanALimitStopAtIt() {
        List<String> strangers = List.of("nguyen van an", "tran thi binh", "le van cuong", "pham thi dung", "an nguyen");
        assertThat(Names.people(strangers, 3)).isEqualTo(3);
        assertThat(Names.people(strangers, 10)).isEqualTo(4);
        assertThat(Names.people(strangers)).isEqualTo(4);
    }
}
