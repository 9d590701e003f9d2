#include "protocol/emoji.h"

#include "protocol/interactionlimits.h"

#include <QList>
#include <QString>

namespace collab {

namespace {

// Code points that are pictographs in Unicode's emoji data (Extended_Pictographic and the emoji
// presentation blocks), as ranges: a superset of what fonts draw, a subset of Unicode.
bool isPictograph(char32_t c)
{
    struct Range
    {
        char32_t from, to;
    };
    static constexpr Range kRanges[] = {
        {0x00A9, 0x00A9},   {0x00AE, 0x00AE},   {0x203C, 0x203C},   {0x2049, 0x2049},   {0x2122, 0x2122},
        {0x2139, 0x2139},   {0x2194, 0x2199},   {0x21A9, 0x21AA},   {0x231A, 0x231B},   {0x2328, 0x2328},
        {0x23CF, 0x23CF},   {0x23E9, 0x23F3},   {0x23F8, 0x23FA},   {0x24C2, 0x24C2},   {0x25AA, 0x25AB},
        {0x25B6, 0x25B6},   {0x25C0, 0x25C0},   {0x25FB, 0x25FE},   {0x2600, 0x27BF},   {0x2934, 0x2935},
        {0x2B05, 0x2B07},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x3030, 0x3030},
        {0x303D, 0x303D},   {0x3297, 0x3297},   {0x3299, 0x3299},   {0x1F000, 0x1FAFF},
    };
    for (const Range &r : kRanges)
        if (c >= r.from && c <= r.to)
            return true;
    return false;
}

bool isSkinTone(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
bool isTag(char32_t c) { return c >= 0xE0020 && c <= 0xE007F; }
bool isKeycapBase(char32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

} // namespace

bool isReactionEmoji(QStringView text)
{
    if (text.isEmpty() || text.toUtf8().size() > limits::MaxEmojiBytes)
        return false;
    const QList<uint> points = text.toUcs4();
    bool pictograph = false;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const char32_t c = points.at(i);
        if (c == 0xFFFD) // an unpaired surrogate became this
            return false;
        if (isKeycapBase(c)) { // 1️⃣: base, optional U+FE0F, U+20E3
            qsizetype j = i + 1;
            if (j < points.size() && points.at(j) == 0xFE0F)
                ++j;
            if (j >= points.size() || points.at(j) != 0x20E3)
                return false;
            pictograph = true;
            i = j;
            continue;
        }
        if (isPictograph(c)) {
            pictograph = true;
            continue;
        }
        // Joiners and modifiers only inside a sequence that has a pictograph before them.
        const bool modifier = c == 0x200D || c == 0xFE0F || c == 0xFE0E || isSkinTone(c) || isTag(c);
        if (!modifier || !pictograph)
            return false;
    }
    return pictograph;
}

} // namespace collab
