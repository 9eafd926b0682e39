/* todoke-guide-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-guide.h"

G_BEGIN_DECLS

typedef struct _TodokeGuideBook TodokeGuideBook;

TodokeGuideBook    *_todoke_guide_book_new              (GBytes             *merged_xml,
                                                         GError            **error);
void                _todoke_guide_book_free             (TodokeGuideBook    *book);
const char         *_todoke_guide_book_get_text         (TodokeGuideBook    *book,
                                                         const char         *id,
                                                         const char         *language);
gboolean            _todoke_guide_book_has_guide        (TodokeGuideBook    *book,
                                                         const char         *reason);
const char * const *_todoke_guide_book_get_languages    (TodokeGuideBook    *book);
TodokeGuide        *_todoke_guide_book_lookup           (TodokeGuideBook    *book,
                                                         const char         *reason,
                                                         const char         *language,
                                                         const char         *client,
                                                         const char         *provider);
GStrv               _todoke_guide_book_dup_untranslated (TodokeGuideBook    *book,
                                                         const char         *language);
char               *_todoke_language_resolve            (const char * const *available,
                                                         const char         *requested);

TodokeGuide        *_todoke_guide_new                   (const char         *reason,
                                                         const char         *language,
                                                         const char         *title,
                                                         const char         *explanation,
                                                         const char         *retry_text,
                                                         GStrv               steps,
                                                         GStrv               notes);

G_END_DECLS
