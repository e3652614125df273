package io.mekong.identity;

import static org.assertj.core.api.Assertions.assertThat;

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
}
