/* todoke-classifier.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include <gio/gio.h>

#include "todoke-diagnosis.h"
#include "todoke-rule-set.h"

G_BEGIN_DECLS

/* Default limit on the size of one message or file. */
#define TODOKE_DEFAULT_MAX_MESSAGE_SIZE (64 * 1024 * 1024)

/* Most messages read from one mbox file. */
#define TODOKE_MAX_MAILBOX_MESSAGES 100000

#define TODOKE_TYPE_CLASSIFIER (todoke_classifier_get_type ())

TODOKE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TodokeClassifier, todoke_classifier, TODOKE, CLASSIFIER, GObject)

TODOKE_AVAILABLE_IN_ALL
TodokeClassifier *todoke_classifier_new                   (TodokeRuleSet        *rules,
                                                           const char           *client);
TODOKE_AVAILABLE_IN_ALL
TodokeRuleSet    *todoke_classifier_get_rule_set          (TodokeClassifier     *self);
TODOKE_AVAILABLE_IN_ALL
void              todoke_classifier_set_max_size          (TodokeClassifier     *self,
                                                           guint64               max_size);
TODOKE_AVAILABLE_IN_ALL
guint64           todoke_classifier_get_max_size          (TodokeClassifier     *self);
TODOKE_AVAILABLE_IN_ALL
void              todoke_classifier_set_with_guides       (TodokeClassifier     *self,
                                                           gboolean              with_guides);
TODOKE_AVAILABLE_IN_ALL
TodokeDiagnosis  *todoke_classifier_classify_reply        (TodokeClassifier     *self,
                                                           const char           *reply,
                                                           const char           *recipient,
                                                           const char           *locale);
TODOKE_AVAILABLE_IN_ALL
TodokeDiagnosis  *todoke_classifier_classify_reply_from_server (TodokeClassifier *self,
                                                                const char       *reply,
                                                                const char       *recipient,
                                                                const char       *server,
                                                                const char       *locale);
TODOKE_AVAILABLE_IN_ALL
TodokeDiagnosis  *todoke_classifier_classify_client_error (TodokeClassifier     *self,
                                                           const char           *error_name,
                                                           const char           *server,
                                                           const char           *locale);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_bounce       (TodokeClassifier     *self,
                                                           GBytes               *message,
                                                           const char           *locale,
                                                           GError              **error);
TODOKE_AVAILABLE_IN_ALL
void              todoke_classifier_classify_file_async   (TodokeClassifier     *self,
                                                           GFile                *file,
                                                           const char           *locale,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_file_finish  (TodokeClassifier     *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
TODOKE_AVAILABLE_IN_ALL
void              todoke_classifier_set_read_originals    (TodokeClassifier     *self,
                                                           gboolean              read_originals);
TODOKE_AVAILABLE_IN_ALL
gboolean          todoke_classifier_get_read_originals    (TodokeClassifier     *self);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_bounce_full  (TodokeClassifier     *self,
                                                           GBytes               *message,
                                                           const char           *locale,
                                                           TodokeTruncation     *truncated,
                                                           GError              **error);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_file_full    (TodokeClassifier     *self,
                                                           GFile                *file,
                                                           const char           *locale,
                                                           GCancellable         *cancellable,
                                                           TodokeTruncation     *truncated,
                                                           GError              **error);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_file_finish_full (TodokeClassifier *self,
                                                           GAsyncResult         *result,
                                                           TodokeTruncation     *truncated,
                                                           GError              **error);
TODOKE_AVAILABLE_IN_ALL
GPtrArray        *todoke_classifier_classify_file         (TodokeClassifier     *self,
                                                           GFile                *file,
                                                           const char           *locale,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

G_END_DECLS
