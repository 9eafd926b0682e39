/* todoke-mta-classic-private.h: readers for classic MTAs and appliances
 *
 * Each reader follows TodokeMtaReader (todoke-mta-private.h): it returns
 * FALSE quickly when the message is not in its format, else adds (or
 * enriches) one record per failed recipient.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-mta-private.h"

G_BEGIN_DECLS

gboolean _todoke_mta_read_amavis          (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_barracuda       (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_courier         (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_dragonfly       (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_exim            (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_fml             (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_gmx             (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_imailserver     (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_james           (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_mailfoundry     (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_mdaemon         (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_messagingserver (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_mfilter         (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_notes           (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_opensmtpd       (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_postfix         (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_powermta        (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_qmail           (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_sendmail        (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_surfcontrol     (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_trendmicro      (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_verizon         (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_x3              (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_x6              (TodokeMessage *message,
                                           TodokeRecords *records);
gboolean _todoke_mta_read_zoho            (TodokeMessage *message,
                                           TodokeRecords *records);

G_END_DECLS
