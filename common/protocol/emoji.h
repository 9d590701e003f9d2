#pragma once

#include <QStringView>

namespace collab {

// Whether `text` is one reaction of the bounded vocabulary: a Unicode emoji (a pictograph, with
// the variation selector, skin tone modifiers, zero-width joiners, regional-indicator flags, tag
// sequences and keycaps that make emoji sequences), at most limits::MaxEmojiBytes of UTF-8. Free
// text, letters, digits alone, control and private-use characters are refused: a reaction is a
// picture, never a message.
bool isReactionEmoji(QStringView text);

} // namespace collab
