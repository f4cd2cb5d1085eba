<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccountMessages</name>
    <message>
        <source>Too many wrong attempts; try again in 1 second.</source>
        <translation>Zu viele falsche Versuche; bitte in 1 Sekunde erneut versuchen.</translation>
    </message>
    <message>
        <source>Too many wrong attempts; try again in %1 seconds.</source>
        <translation>Zu viele falsche Versuche; bitte in %1 Sekunden erneut versuchen.</translation>
    </message>
    <message>
        <source>Choose a user name.</source>
        <translation>Wählen Sie einen Benutzernamen.</translation>
    </message>
    <message>
        <source>A user name has at most 64 characters.</source>
        <translation>Ein Benutzername hat höchstens 64 Zeichen.</translation>
    </message>
    <message>
        <source>A user name cannot start with a dot.</source>
        <translation>Ein Benutzername darf nicht mit einem Punkt beginnen.</translation>
    </message>
    <message>
        <source>A user name may contain only letters A-Z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Ein Benutzername darf nur die Buchstaben A–Z, Ziffern, „.“, „_“ und „-“ enthalten.</translation>
    </message>
    <message>
        <source>This is one of the most common passwords; choose another.</source>
        <translation>Das ist eines der häufigsten Passwörter; wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>The password cannot be the user name.</source>
        <translation>Das Passwort darf nicht der Benutzername sein.</translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation>Verwenden Sie mindestens 10 Zeichen.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Geben Sie ein Passwort ein.</translation>
    </message>
    <message>
        <source>Avoid repeated characters; add more words.</source>
        <translation>Vermeiden Sie wiederholte Zeichen; fügen Sie weitere Wörter hinzu.</translation>
    </message>
    <message>
        <source>Strong password.</source>
        <translation>Starkes Passwort.</translation>
    </message>
    <message>
        <source>Add more words, or mix in digits and symbols.</source>
        <translation>Fügen Sie weitere Wörter hinzu oder mischen Sie Ziffern und Sonderzeichen darunter.</translation>
    </message>
    <message>
        <source>Add more words.</source>
        <translation>Fügen Sie weitere Wörter hinzu.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Wrong user name or recovery code.</source>
        <translation>Falscher Benutzername oder falscher Wiederherstellungscode.</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>Das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>This account has no password yet; set one first.</source>
        <translation>Dieses Konto hat noch kein Passwort; legen Sie zuerst eines fest.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation>Das neue Passwort ist dasselbe wie das bisherige.</translation>
    </message>
    <message>
        <source>This account has no password; leave the password empty to sign in, then set one in your account.</source>
        <translation>Dieses Konto hat kein Passwort; lassen Sie das Passwort zum Anmelden leer und legen Sie dann in Ihrem Konto eines fest.</translation>
    </message>
    <message>
        <source>This account is being deleted.</source>
        <translation>Dieses Konto wird gerade gelöscht.</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>30 seconds</source>
        <translation>30 Sekunden</translation>
    </message>
    <message>
        <source>60 seconds</source>
        <translation>60 Sekunden</translation>
    </message>
    <message>
        <source>90 seconds</source>
        <translation>90 Sekunden</translation>
    </message>
    <message>
        <source>Vertical 9:16</source>
        <translation>Hochformat 9:16</translation>
    </message>
    <message>
        <source>Square 1:1</source>
        <translation>Quadratisch 1:1</translation>
    </message>
    <message>
        <source>Wide 16:9</source>
        <translation>Breitbild 16:9</translation>
    </message>
    <message>
        <source>Automatic (the paper’s language)</source>
        <translation>Automatisch (Sprache des Artikels)</translation>
    </message>
    <message>
        <source>Boxed</source>
        <translation>Kasten</translation>
    </message>
    <message>
        <source>Minimal</source>
        <translation>Schlicht</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Hervorhebung</translation>
    </message>
    <message>
        <source>The voice of the paper’s language, chosen when the video is made</source>
        <translation>Die Stimme der Sprache des Artikels, gewählt, wenn das Video entsteht</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Turn a scientific paper into a short narrated video.</source>
        <translation>Macht aus einem wissenschaftlichen Artikel ein kurzes, vertontes Video.</translation>
    </message>
    <message>
        <source>A paper to open in New video (PDF, DOCX or JATS XML).</source>
        <translation>Ein Artikel, der unter „Neues Video“ geöffnet wird (PDF, DOCX oder JATS-XML).</translation>
    </message>
    <message>
        <source>[paper]</source>
        <translation>[artikel]</translation>
    </message>
</context>
<context>
    <name>ErrorActions</name>
    <message>
        <source>Check the %1 key…</source>
        <translation>Schlüssel für %1 prüfen …</translation>
    </message>
    <message>
        <source>Open Settings → Providers…</source>
        <translation>Einstellungen → Anbieter öffnen …</translation>
    </message>
    <message>
        <source>See this month&apos;s use…</source>
        <translation>Nutzung dieses Monats ansehen …</translation>
    </message>
    <message>
        <source>Choose another data folder…</source>
        <translation>Anderen Datenordner wählen …</translation>
    </message>
    <message>
        <source>Use the PDF instead…</source>
        <translation>Stattdessen das PDF nehmen …</translation>
    </message>
    <message>
        <source>Enter the password…</source>
        <translation>Passwort eingeben …</translation>
    </message>
</context>
<context>
    <name>ErrorTexts</name>
    <message>
        <source>unreadable PDF</source>
        <translation>PDF nicht lesbar</translation>
    </message>
    <message>
        <source>The PDF cannot be read</source>
        <translation>Das PDF lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>The file is damaged; download the paper again.</source>
        <translation>Die Datei ist beschädigt; laden Sie den Artikel erneut herunter.</translation>
    </message>
    <message>
        <source>needs a password</source>
        <translation>braucht ein Passwort</translation>
    </message>
    <message>
        <source>The PDF is locked with a password</source>
        <translation>Das PDF ist mit einem Passwort geschützt</translation>
    </message>
    <message>
        <source>Open the paper again and enter its password.</source>
        <translation>Öffnen Sie den Artikel erneut und geben Sie sein Passwort ein.</translation>
    </message>
    <message>
        <source>no text layer – OCR?</source>
        <translation>keine Textebene – OCR?</translation>
    </message>
    <message>
        <source>The PDF has no text</source>
        <translation>Das PDF enthält keinen Text</translation>
    </message>
    <message>
        <source>This PDF is a scan without a text layer; use the publisher&apos;s PDF or its JATS XML.</source>
        <translation>Dieses PDF ist ein Scan ohne Textebene; nehmen Sie das PDF des Verlags oder sein JATS-XML.</translation>
    </message>
    <message>
        <source>unreadable XML</source>
        <translation>XML nicht lesbar</translation>
    </message>
    <message>
        <source>The XML file cannot be read</source>
        <translation>Die XML-Datei lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>unsupported file</source>
        <translation>Dateiart nicht unterstützt</translation>
    </message>
    <message>
        <source>This kind of file is not supported</source>
        <translation>Diese Dateiart wird nicht unterstützt</translation>
    </message>
    <message>
        <source>Use the paper&apos;s PDF, DOCX or JATS XML file.</source>
        <translation>Nehmen Sie die PDF-, DOCX- oder JATS-XML-Datei des Artikels.</translation>
    </message>
    <message>
        <source>paper too large</source>
        <translation>Artikel zu groß</translation>
    </message>
    <message>
        <source>The paper is too large</source>
        <translation>Der Artikel ist zu groß</translation>
    </message>
    <message>
        <source>Use the paper&apos;s PDF, DOCX or JATS XML file without supplements.</source>
        <translation>Nehmen Sie die PDF-, DOCX- oder JATS-XML-Datei des Artikels ohne Zusatzmaterial.</translation>
    </message>
    <message>
        <source>abstract only: not in PMC</source>
        <translation>nur Abstract: nicht in PMC</translation>
    </message>
    <message>
        <source>Only the abstract is free to read</source>
        <translation>Nur das Abstract ist frei lesbar</translation>
    </message>
    <message>
        <source>PubMed Central has no full text of this paper; open its PDF instead.</source>
        <translation>PubMed Central hat keinen Volltext dieses Artikels; öffnen Sie stattdessen sein PDF.</translation>
    </message>
    <message>
        <source>paper not found</source>
        <translation>Artikel nicht gefunden</translation>
    </message>
    <message>
        <source>The paper was not found</source>
        <translation>Der Artikel wurde nicht gefunden</translation>
    </message>
    <message>
        <source>Check the ID or the file&apos;s place, then try again.</source>
        <translation>Prüfen Sie die ID oder den Ort der Datei und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>sign-in refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>The provider refused the key</source>
        <translation>Der Anbieter hat den Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Check the provider&apos;s key in Settings → Providers.</source>
        <translation>Prüfen Sie den Schlüssel des Anbieters unter Einstellungen → Anbieter.</translation>
    </message>
    <message>
        <source>quota used up</source>
        <translation>Kontingent aufgebraucht</translation>
    </message>
    <message>
        <source>A spending limit or quota is used up</source>
        <translation>Eine Ausgabengrenze oder ein Kontingent ist aufgebraucht</translation>
    </message>
    <message>
        <source>See this month&apos;s use under Your account; raise the limit in Settings → Providers or wait for the next month.</source>
        <translation>Die Nutzung dieses Monats steht unter „Ihr Konto“; erhöhen Sie die Grenze unter Einstellungen → Anbieter oder warten Sie auf den nächsten Monat.</translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation>zu viele Anfragen</translation>
    </message>
    <message>
        <source>The provider asked to slow down</source>
        <translation>Der Anbieter bittet um weniger Anfragen</translation>
    </message>
    <message>
        <source>A service had a temporary problem; choose Retry in a moment.</source>
        <translation>Ein Dienst hatte ein vorübergehendes Problem; wählen Sie gleich „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>network problem</source>
        <translation>Netzwerkproblem</translation>
    </message>
    <message>
        <source>The network failed</source>
        <translation>Das Netzwerk ist ausgefallen</translation>
    </message>
    <message>
        <source>Check the internet connection, then choose Retry.</source>
        <translation>Prüfen Sie die Internetverbindung und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>provider error</source>
        <translation>Fehler beim Anbieter</translation>
    </message>
    <message>
        <source>The provider had a problem</source>
        <translation>Beim Anbieter ist ein Fehler aufgetreten</translation>
    </message>
    <message>
        <source>content blocked</source>
        <translation>Inhalt blockiert</translation>
    </message>
    <message>
        <source>The provider blocked the content</source>
        <translation>Der Anbieter hat den Inhalt blockiert</translation>
    </message>
    <message>
        <source>Edit the script or choose the built-in provider for this step.</source>
        <translation>Bearbeiten Sie das Skript oder wählen Sie für diesen Schritt den eingebauten Anbieter.</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>Speicher voll</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Der Speicher ist voll</translation>
    </message>
    <message>
        <source>Free some disk space or choose another data folder, then choose Retry.</source>
        <translation>Geben Sie Speicherplatz frei oder wählen Sie einen anderen Datenordner und dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>file error</source>
        <translation>Dateifehler</translation>
    </message>
    <message>
        <source>A file could not be read or written</source>
        <translation>Eine Datei ließ sich nicht lesen oder schreiben</translation>
    </message>
    <message>
        <source>Check that the data folder can be written to, then choose Retry.</source>
        <translation>Prüfen Sie, ob der Datenordner beschreibbar ist, und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Choose Retry to continue where it stopped.</source>
        <translation>Wählen Sie „Erneut versuchen“, um dort weiterzumachen, wo es aufgehört hat.</translation>
    </message>
    <message>
        <source>being made elsewhere</source>
        <translation>wird anderswo erstellt</translation>
    </message>
    <message>
        <source>Another program is making this video</source>
        <translation>Ein anderes Programm erstellt dieses Video</translation>
    </message>
    <message>
        <source>Wait until the other program has finished it.</source>
        <translation>Warten Sie, bis das andere Programm es fertiggestellt hat.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>Choose Retry; if it fails again, the log says where.</source>
        <translation>Wählen Sie „Erneut versuchen“; scheitert es wieder, steht im Protokoll, woran.</translation>
    </message>
</context>
<context>
    <name>JobTimeEstimate</name>
    <message>
        <source>Elapsed %1</source>
        <translation>Vergangen: %1</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Wird geschätzt …</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>Noch etwa %1</translation>
    </message>
</context>
<context>
    <name>PdfPasswordPrompt</name>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>%1 is protected with a password. Enter it to read the paper; it is kept only while Hidden Hill runs.</source>
        <translation>%1 ist mit einem Passwort geschützt. Geben Sie es ein, um den Artikel zu lesen; es wird nur aufbewahrt, solange Hidden Hill läuft.</translation>
    </message>
    <message>
        <source>That password did not open %1. Check it (capitals count) and try again.</source>
        <translation>Mit diesem Passwort ließ sich %1 nicht öffnen. Prüfen Sie es (auf Groß- und Kleinschreibung achten) und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Hidden Hill</source>
        <translation>Hidden Hill</translation>
    </message>
    <message>
        <source>Resuming %1 interrupted video(s)</source>
        <translation>Unterbrochene Videos werden fortgesetzt: %1</translation>
    </message>
    <message>
        <source>Ignoring unsafe provider addresses: %1</source>
        <translation>Unsichere Anbieter-Adressen werden ignoriert: %1</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ja, &amp;alle</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nein</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;ein, keine</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Standardwerte wiederherstellen</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>This is not a server address. Write it as http://localhost:11434.</source>
        <translation>Das ist keine Serveradresse. Schreiben Sie sie etwa als http://localhost:11434.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Die Adresse muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>Plain http is only for a server on this computer (localhost, 127.0.0.1, ::1): what is sent to %1 could be read on the way. Use https:// for it.</source>
        <translation>Unverschlüsseltes http ist nur für einen Server auf diesem Computer erlaubt (localhost, 127.0.0.1, ::1): Was an %1 geht, könnte unterwegs mitgelesen werden. Nehmen Sie dafür https://.</translation>
    </message>
</context>
<context>
    <name>VoiceLabels</name>
    <message>
        <source>male, neutral</source>
        <translation>männlich, neutral</translation>
    </message>
    <message>
        <source>male, calm</source>
        <translation>männlich, ruhig</translation>
    </message>
    <message>
        <source>male, formal</source>
        <translation>männlich, förmlich</translation>
    </message>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>male, variant %1</source>
        <translation>männlich, Variante %1</translation>
    </message>
    <message>
        <source>whispering</source>
        <translation>flüsternd</translation>
    </message>
    <message>
        <source>croaky</source>
        <translation>krächzend</translation>
    </message>
    <message>
        <source>classic synthesiser</source>
        <translation>klassischer Synthesizer</translation>
    </message>
    <message>
        <source>variant “%1”</source>
        <translation>Variante „%1“</translation>
    </message>
    <message>
        <source>Voice “%1”</source>
        <translation>Stimme „%1“</translation>
    </message>
    <message>
        <source>English (US) — female, smooth (Flite)</source>
        <translation>English (US) — weiblich, weich (Flite)</translation>
    </message>
    <message>
        <source>English (US) — male, smooth (Flite)</source>
        <translation>English (US) — männlich, weich (Flite)</translation>
    </message>
    <message>
        <source>English (Scottish) — male, smooth (Flite)</source>
        <translation>English (Scottish) — männlich, weich (Flite)</translation>
    </message>
    <message>
        <source>English (US) — male, telephone quality (Flite)</source>
        <translation>English (US) — männlich, Telefonqualität (Flite)</translation>
    </message>
</context>
<context>
    <name>WaitingText</name>
    <message>
        <source>rate limit</source>
        <translation>Anfragelimit</translation>
    </message>
    <message>
        <source>the service is busy</source>
        <translation>der Dienst ist ausgelastet</translation>
    </message>
    <message>
        <source>Waiting for %1: %2, retrying in %3 s</source>
        <translation>Warten auf %1: %2, neuer Versuch in %3 s</translation>
    </message>
    <message>
        <source>Waiting for Runway: other videos use the account&apos;s %1 clips at a time</source>
        <translation>Warten auf Runway: andere Videos nutzen die %1 gleichzeitigen Clips des Kontos</translation>
    </message>
    <message>
        <source>Waiting for a free slot</source>
        <translation>Wartet auf einen freien Platz</translation>
    </message>
    <message>
        <source>Waiting for a Runway slot</source>
        <translation>Wartet auf einen Runway-Platz</translation>
    </message>
    <message>
        <source>Queued at Runway</source>
        <translation>Bei Runway in der Warteschlange</translation>
    </message>
    <message>
        <source>Waiting for job %1</source>
        <translation>Wartet auf Auftrag %1</translation>
    </message>
</context>
<context>
    <name>hh::AboutDialog</name>
    <message>
        <source>windows, drawing, database</source>
        <translation>Fenster, Zeichnen, Datenbank</translation>
    </message>
    <message>
        <source>LGPL-2.1-or-later; GPL-2.0-or-later as Debian builds it</source>
        <translation>LGPL-2.1 oder neuer; GPL-2.0 oder neuer in der Debian-Ausgabe</translation>
    </message>
    <message>
        <source>video and audio encoding</source>
        <translation>Video- und Audiokodierung</translation>
    </message>
    <message>
        <source>H.264 video, through FFmpeg</source>
        <translation>H.264-Video, über FFmpeg</translation>
    </message>
    <message>
        <source>reading PDF files</source>
        <translation>PDF-Dateien lesen</translation>
    </message>
    <message>
        <source>LGPL-2.1-or-later, static linking exception</source>
        <translation>LGPL-2.1 oder neuer, mit Ausnahme für statisches Linken</translation>
    </message>
    <message>
        <source>reading Word files</source>
        <translation>Word-Dateien lesen</translation>
    </message>
    <message>
        <source>the built-in voice</source>
        <translation>die eingebaute Stimme</translation>
    </message>
    <message>
        <source>password hashing</source>
        <translation>Passwort-Hashing</translation>
    </message>
    <message>
        <source>keeping provider keys in the system keychain</source>
        <translation>Anbieter-Schlüssel im Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <source>playing videos</source>
        <translation>Videos abspielen</translation>
    </message>
    <message>
        <source>Bitstream Vera licence (free)</source>
        <translation>Bitstream-Vera-Lizenz (frei)</translation>
    </message>
    <message>
        <source>the lettering in videos</source>
        <translation>die Schrift in den Videos</translation>
    </message>
    <message>
        <source>About Hidden Hill</source>
        <translation>Über Hidden Hill</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Hidden Hill&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Hidden Hill&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Turns a scientific paper into a short narrated vertical video: a script made of the paper&apos;s own sentences, a voice, motion graphics with its figures and captions.&lt;br&gt;Free software under the GNU General Public License, version 3 or later.</source>
        <translation>Macht aus einem wissenschaftlichen Artikel ein kurzes, gesprochenes Hochformat-Video: ein Skript aus den eigenen Sätzen des Artikels, eine Stimme, Animationen mit seinen Abbildungen und Untertitel.&lt;br&gt;Freie Software unter der GNU General Public License, Version 3 oder neuer.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Verwendet für</translation>
    </message>
    <message>
        <source>Videos and accounts: %1&lt;br&gt;Logs: %2</source>
        <translation>Videos und Konten: %1&lt;br&gt;Protokolle: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Built with&lt;/b&gt;</source>
        <translation>&lt;b&gt;Erstellt mit&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your files&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ihre Dateien&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>hh::AlsoMakeChoices</name>
    <message>
        <source>Also make</source>
        <translation>Zusätzlich erstellen</translation>
    </message>
    <message>
        <source>1:1 square</source>
        <translation>1:1 quadratisch</translation>
    </message>
    <message>
        <source>Also make a square version, for feeds</source>
        <translation>Zusätzlich eine quadratische Fassung erstellen, für Feeds</translation>
    </message>
    <message>
        <source>16:9 wide</source>
        <translation>16:9 breit</translation>
    </message>
    <message>
        <source>Also make a wide version, for a talk or a web page</source>
        <translation>Zusätzlich eine breite Fassung erstellen, für einen Vortrag oder eine Webseite</translation>
    </message>
    <message>
        <source>30 s</source>
        <translation>30 s</translation>
    </message>
    <message>
        <source>Also make a 30-second cut (it gets its own script)</source>
        <translation>Zusätzlich eine 30-Sekunden-Fassung erstellen (mit eigenem Skript)</translation>
    </message>
    <message>
        <source>Another voice</source>
        <translation>Andere Stimme</translation>
    </message>
    <message>
        <source>Also make: %1</source>
        <translation>Zusätzlich erstellen: %1</translation>
    </message>
    <message>
        <source>There is no other voice to choose</source>
        <translation>Es gibt keine andere Stimme zur Auswahl</translation>
    </message>
    <message>
        <source>Also make a version read by %1</source>
        <translation>Zusätzlich eine Fassung mit der Stimme %1 erstellen</translation>
    </message>
</context>
<context>
    <name>hh::CaptionPreview</name>
    <message>
        <source>Caption preview</source>
        <translation>Untertitel-Vorschau</translation>
    </message>
    <message>
        <source>Bees learned to count in twelve visits</source>
        <translation>Bienen lernten in zwölf Besuchen zählen</translation>
    </message>
</context>
<context>
    <name>hh::ClipStateList</name>
    <message>
        <source>rendering its keyframe</source>
        <translation>Schlüsselbild wird gerendert</translation>
    </message>
    <message>
        <source>waiting for a Runway slot</source>
        <translation>wartet auf einen freien Runway-Platz</translation>
    </message>
    <message>
        <source>queued at Runway</source>
        <translation>bei Runway in der Warteschlange</translation>
    </message>
    <message>
        <source>running at Runway (%1%)</source>
        <translation>wird bei Runway erzeugt (%1 %)</translation>
    </message>
    <message>
        <source>running at Runway</source>
        <translation>wird bei Runway erzeugt</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>wird heruntergeladen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>kept the built-in look</source>
        <translation>behält die eingebaute Grafik</translation>
    </message>
    <message>
        <source>Current activity</source>
        <translation>Aktueller Vorgang</translation>
    </message>
    <message>
        <source>Runway clips</source>
        <translation>Runway-Clips</translation>
    </message>
    <message>
        <source>Scene %1: %2</source>
        <translation>Szene %1: %2</translation>
    </message>
</context>
<context>
    <name>hh::DropZone</name>
    <message>
        <source>&lt;b&gt;Drop a paper here&lt;/b&gt;&lt;br&gt;PDF, DOCX or JATS / PubMed XML&lt;br&gt;&lt;small&gt;or click to choose a file&lt;/small&gt;</source>
        <translation>&lt;b&gt;Artikel hier ablegen&lt;/b&gt;&lt;br&gt;PDF, DOCX oder JATS-/PubMed-XML&lt;br&gt;&lt;small&gt;oder klicken, um eine Datei auszuwählen&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Choose a paper</source>
        <translation>Ein Paper auswählen</translation>
    </message>
    <message>
        <source>Opens a PDF, DOCX or JATS / PubMed XML file. You can also drop a file here.</source>
        <translation>Öffnet eine PDF-, DOCX- oder JATS-/PubMed-XML-Datei. Sie können eine Datei auch hierher ziehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop another paper here&lt;/b&gt; or click to choose a file</source>
        <translation>&lt;b&gt;Weiteren Artikel hier ablegen&lt;/b&gt; oder klicken, um eine Datei auszuwählen</translation>
    </message>
</context>
<context>
    <name>hh::FigureDelegate</name>
    <message>
        <source>no picture</source>
        <translation>kein Bild</translation>
    </message>
</context>
<context>
    <name>hh::FigureListModel</name>
    <message>
        <source>%1, in the video</source>
        <translation>%1, im Video</translation>
    </message>
    <message>
        <source>%1, left out</source>
        <translation>%1, weggelassen</translation>
    </message>
</context>
<context>
    <name>hh::FirstRunTour</name>
    <message>
        <source>Skip tour</source>
        <translation>Rundgang überspringen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>hh::GeneralSettingsPage</name>
    <message>
        <source>Default length</source>
        <translation>Standardlänge</translation>
    </message>
    <message>
        <source>Default shape</source>
        <translation>Standardformat</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Standardstimme</translation>
    </message>
    <message>
        <source>Default caption style</source>
        <translation>Standard-Untertitelstil</translation>
    </message>
    <message>
        <source>&amp;Let me review the script first</source>
        <translation>Skript zuerst selbst &amp;prüfen</translation>
    </message>
    <message>
        <source>Let me review the script first, by default</source>
        <translation>Skript standardmäßig zuerst selbst prüfen</translation>
    </message>
    <message>
        <source>New video defaults</source>
        <translation>Vorgaben für neue Videos</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Länge:</translation>
    </message>
    <message>
        <source>&amp;Shape:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Voice:</source>
        <translation>&amp;Stimme:</translation>
    </message>
    <message>
        <source>&amp;Captions:</source>
        <translation>&amp;Untertitel:</translation>
    </message>
    <message>
        <source>Videos made at the same time</source>
        <translation>Gleichzeitig erstellte Videos</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Videos made at the &amp;same time:</source>
        <translation>&amp;Gleichzeitig erstellte Videos:</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>Ä&amp;ndern …</translation>
    </message>
    <message>
        <source>Change the data folder</source>
        <translation>Datenordner ändern</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Öffn&amp;en</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Datenordner:</translation>
    </message>
    <message>
        <source>A new folder takes effect after a restart. Videos and accounts already made stay in the old folder.</source>
        <translation>Ein neuer Ordner wirkt nach einem Neustart. Bereits erstellte Videos und Konten bleiben im alten Ordner.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemeinstellung</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>&amp;Oberfläche:</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Datenordner auswählen</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>Fa&amp;rbschema:</translation>
    </message>
    <message>
        <source>More videos wait in the queue under My Videos and start as soon as one finishes. A video waiting for a cloud service (Runway, Gemini) leaves its place to the next. Applies at once.</source>
        <translation>Weitere Videos warten in der Warteschlange unter „Meine Videos“ und starten, sobald eines fertig ist. Ein Video, das auf einen Cloud-Dienst (Runway, Gemini) wartet, überlässt seinen Platz dem nächsten. Gilt sofort.</translation>
    </message>
    <message>
        <source>⟳ Restart Hidden Hill to apply the changed data folder or language.</source>
        <translation>⟳ Starten Sie Hidden Hill neu, um den geänderten Datenordner oder die Sprache zu übernehmen.</translation>
    </message>
</context>
<context>
    <name>hh::GeneratePanel</name>
    <message>
        <source>Reading the paper</source>
        <translation>Artikel wird gelesen</translation>
    </message>
    <message>
        <source>Writing the script</source>
        <translation>Skript wird geschrieben</translation>
    </message>
    <message>
        <source>Recording the voice</source>
        <translation>Stimme wird aufgenommen</translation>
    </message>
    <message>
        <source>Preparing the visuals</source>
        <translation>Bilder werden vorbereitet</translation>
    </message>
    <message>
        <source>Rendering the video</source>
        <translation>Video wird gerendert</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Caption style</source>
        <translation>Untertitelstil</translation>
    </message>
    <message>
        <source>Let me review the script first</source>
        <translation>Skript zuerst selbst prüfen</translation>
    </message>
    <message>
        <source>Make video</source>
        <translation>Video erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Play video</source>
        <translation>Video abspielen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>&amp;Länge</translation>
    </message>
    <message>
        <source>S&amp;hape</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>&amp;Stimme</translation>
    </message>
    <message>
        <source>&amp;Captions</source>
        <translation>&amp;Untertitel</translation>
    </message>
    <message>
        <source>Drop a paper to make a video of it.</source>
        <translation>Legen Sie einen Artikel ab, um ein Video daraus zu machen.</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>The script is ready for your review.</source>
        <translation>Das Skript ist bereit zur Durchsicht.</translation>
    </message>
    <message>
        <source>Play sample</source>
        <translation>Hörprobe</translation>
    </message>
    <message>
        <source>Play a sample of the voice</source>
        <translation>Eine Hörprobe der Stimme abspielen</translation>
    </message>
    <message>
        <source>Hear the chosen voice say a sentence of the paper</source>
        <translation>Die gewählte Stimme einen Satz des Artikels sprechen hören</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Cancel making the video</source>
        <translation>Erstellen des Videos abbrechen</translation>
    </message>
    <message>
        <source>Ready: a narrated, captioned video made on this computer — no cloud key or internet needed.</source>
        <translation>Bereit: ein gesprochenes Video mit Untertiteln, erstellt auf diesem Computer – ohne Cloud-Schlüssel und ohne Internet.</translation>
    </message>
    <message>
        <source>This is how the narrator of your video will sound.</source>
        <translation>So klingt die Stimme, die Ihr Video spricht.</translation>
    </message>
    <message>
        <source>Stop the voice sample</source>
        <translation>Hörprobe anhalten</translation>
    </message>
    <message>
        <source>Samples are for the built-in voices</source>
        <translation>Hörproben gibt es für die eingebauten Stimmen</translation>
    </message>
    <message>
        <source>Also ma&amp;ke</source>
        <translation>Zusätzlich &amp;erstellen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue making the video where it stopped</source>
        <translation>Das Video dort weiter erstellen, wo es angehalten hat</translation>
    </message>
    <message>
        <source>Carries on from the last finished step; nothing done is redone</source>
        <translation>Macht beim letzten fertigen Schritt weiter; schon Erledigtes wird nicht wiederholt</translation>
    </message>
    <message>
        <source>Show My Videos</source>
        <translation>Meine Videos zeigen</translation>
    </message>
    <message>
        <source>Make %1 videos</source>
        <translation>%1 Videos erstellen</translation>
    </message>
    <message>
        <source>%1 papers ready: Make video makes one video of each, with these choices.</source>
        <translation>%1 Artikel bereit: „Video erstellen“ macht aus jedem ein Video, mit diesen Einstellungen.</translation>
    </message>
    <message>
        <source>Waiting to start…</source>
        <translation>Wartet auf den Start …</translation>
    </message>
    <message>
        <source>%1 videos added to My Videos.</source>
        <translation>%1 Videos zu „Meine Videos“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Could not continue: %1</source>
        <translation>Konnte nicht fortgesetzt werden: %1</translation>
    </message>
    <message>
        <source>Continuing where it stopped…</source>
        <translation>Wird dort fortgesetzt, wo es angehalten hat …</translation>
    </message>
    <message>
        <source>Cancelled. Continue carries on where it stopped.</source>
        <translation>Abgebrochen. „Fortsetzen“ macht dort weiter, wo es angehalten hat.</translation>
    </message>
    <message>
        <source>Could not make the video: %1 (%2)
%3</source>
        <translation>Das Video konnte nicht erstellt werden: %1 (%2)
%3</translation>
    </message>
    <message>
        <source>The speech server&apos;s voice</source>
        <translation>Die Stimme des Sprachservers</translation>
    </message>
    <message>
        <source>&amp;Music</source>
        <translation>&amp;Musik</translation>
    </message>
</context>
<context>
    <name>hh::IdentifierField</name>
    <message>
        <source>…or type a PubMed ID, PMCID or DOI</source>
        <translation>… oder eine PubMed-ID, PMCID oder DOI eingeben</translation>
    </message>
    <message>
        <source>PubMed ID, PMCID or DOI</source>
        <translation>PubMed-ID, PMCID oder DOI</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>Fetch the paper from PubMed</source>
        <translation>Artikel von PubMed abrufen</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>%1 wird abgerufen …</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>Not a PubMed ID (digits), PMCID (PMC…) or DOI (10.…)</source>
        <translation>Keine PubMed-ID (Ziffern), PMCID (PMC…) oder DOI (10.…)</translation>
    </message>
    <message>
        <source>Not a PubMed ID, PMCID or DOI: %1</source>
        <translation>Keine PubMed-ID, PMCID oder DOI: %1</translation>
    </message>
    <message>
        <source>✓ %1 papers, one video each</source>
        <translation>✓ %1 Artikel, je ein Video</translation>
    </message>
</context>
<context>
    <name>hh::InlineNotice</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>hh::JobDelegate</name>
    <message>
        <source>Waiting to start…</source>
        <translation>Wartet auf den Start …</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Paused after %1</source>
        <translation>Angehalten nach: %1</translation>
    </message>
    <message>
        <source>Cancelled at %1%</source>
        <translation>Abgebrochen bei %1 %</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 Min.</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 Std.</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>script</source>
        <translation>Skript</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>Ton</translation>
    </message>
    <message>
        <source>visuals</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>rendering</source>
        <translation>Rendern</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Waiting for a free slot</source>
        <translation>Wartet auf einen freien Platz</translation>
    </message>
    <message>
        <source>Queued · next in line</source>
        <translation>Wartet · als Nächstes</translation>
    </message>
    <message>
        <source>%1th</source>
        <comment>ordinal</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1nd</source>
        <comment>ordinal</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1rd</source>
        <comment>ordinal</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1st</source>
        <comment>ordinal</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>Queued · %1 in line</source>
        <translation>Wartet · %1 in der Reihe</translation>
    </message>
</context>
<context>
    <name>hh::JobDetailDialog</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Recent log lines</source>
        <translation>Letzte Protokollzeilen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3%</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; – %2, %3 %</translation>
    </message>
    <message>
        <source>Reading the paper</source>
        <translation>Artikel wird gelesen</translation>
    </message>
    <message>
        <source>Writing the script</source>
        <translation>Skript wird geschrieben</translation>
    </message>
    <message>
        <source>Recording the voice</source>
        <translation>Stimme wird aufgenommen</translation>
    </message>
    <message>
        <source>Drawing the scenes</source>
        <translation>Szenen werden gezeichnet</translation>
    </message>
    <message>
        <source>Adding captions</source>
        <translation>Untertitel werden eingefügt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>%1
%2
%3</source>
        <translation>%1
%2
%3</translation>
    </message>
    <message>
        <source>Sound: %1 LUFS, true peak %2 dBTP (gain %3 dB)</source>
        <translation>Ton: %1 LUFS, True Peak %2 dBTP (Verstärkung %3 dB)</translation>
    </message>
    <message>
        <source>; music: %1</source>
        <translation>; Musik: %1</translation>
    </message>
</context>
<context>
    <name>hh::JobNotifier</name>
    <message>
        <source>Your video</source>
        <translation>Ihr Video</translation>
    </message>
    <message>
        <source>Video ready</source>
        <translation>Video fertig</translation>
    </message>
    <message>
        <source>Video failed</source>
        <translation>Video fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>hh::LexiconModel</name>
    <message>
        <source>the word is empty</source>
        <translation>das Wort fehlt</translation>
    </message>
    <message>
        <source>“Say it as” is empty</source>
        <translation>„Aussprechen als“ ist leer</translation>
    </message>
    <message>
        <source>it cannot be saved (%1)</source>
        <translation>sie kann nicht gespeichert werden (%1)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>For the built-in voice only: espeak-ng phoneme codes, e.g. kr&apos;Isp3</source>
        <translation>Nur für die eingebaute Stimme: espeak-ng-Phonemcodes, z. B. kr&apos;Isp3</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>Wort</translation>
    </message>
    <message>
        <source>Say it as</source>
        <translation>Aussprechen als</translation>
    </message>
    <message>
        <source>Phonemes (built-in voice)</source>
        <translation>Phoneme (eingebaute Stimme)</translation>
    </message>
</context>
<context>
    <name>hh::LibraryView</name>
    <message>
        <source>My Videos</source>
        <translation>Meine Videos</translation>
    </message>
    <message>
        <source>Search title or paper ID</source>
        <translation>Titel oder Artikel-ID suchen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Show jobs in this state</source>
        <translation>Aufträge in diesem Zustand zeigen</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <source>Title A–Z</source>
        <translation>Titel A–Z</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Show as cards</source>
        <translation>Als Karten zeigen</translation>
    </message>
    <message>
        <source>Show as a list</source>
        <translation>Als Liste zeigen</translation>
    </message>
    <message>
        <source>No videos yet — drop a paper on New video</source>
        <translation>Noch keine Videos – legen Sie unter „Neues Video“ einen Artikel ab</translation>
    </message>
    <message>
        <source>New video</source>
        <translation>Neues Video</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Details anzeigen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete video</source>
        <translation>Video löschen</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>„%1“ löschen?</translation>
    </message>
    <message>
        <source>Its video, script, audio and every other file of this job are removed from this computer. This cannot be undone.</source>
        <translation>Das Video, das Skript, der Ton und alle anderen Dateien dieses Auftrags werden von diesem Computer entfernt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>Nach oben schieben</translation>
    </message>
    <message>
        <source>Make this video the next one to start</source>
        <translation>Dieses Video als nächstes starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Take this video out of the queue until you resume it</source>
        <translation>Dieses Video aus der Warteschlange nehmen, bis Sie es fortsetzen</translation>
    </message>
</context>
<context>
    <name>hh::LogTableModel</name>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Video %1</source>
        <translation>Video %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>hh::LogView</name>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Levels shown</source>
        <translation>Angezeigte Stufen</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Video shown</source>
        <translation>Angezeigtes Video</translation>
    </message>
    <message>
        <source>All videos</source>
        <translation>Alle Videos</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Im Protokoll suchen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Log events</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;all</source>
        <translation>&amp;Alles kopieren</translation>
    </message>
    <message>
        <source>Video %1</source>
        <translation>Video %1</translation>
    </message>
</context>
<context>
    <name>hh::MainWindow</name>
    <message>
        <source>Hidden Hill</source>
        <translation>Hidden Hill</translation>
    </message>
    <message>
        <source>&lt;p&gt;Drop a paper to see what Hidden Hill reads from it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Legen Sie einen Artikel ab, um zu sehen, was Hidden Hill daraus liest.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Try the sample paper</source>
        <translation>Beispielartikel ausprobieren</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>← My Videos</source>
        <translation>← Meine Videos</translation>
    </message>
    <message>
        <source>Defaults for new videos, data folder, language (Ctrl+,)</source>
        <translation>Vorgaben für neue Videos, Datenordner, Sprache (Strg+,)</translation>
    </message>
    <message>
        <source>Your account…</source>
        <translation>Ihr Konto …</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>A video is ready in My Videos.</source>
        <translation>Ein Video ist fertig – zu finden unter „Meine Videos“.</translation>
    </message>
    <message>
        <source>Papers (*.pdf *.docx *.xml *.nxml);;All files (*)</source>
        <translation>Artikel (*.pdf *.docx *.xml *.nxml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>&lt;p&gt;Reading &lt;b&gt;%1&lt;/b&gt;…&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; wird gelesen …&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Read %1: %2 sentences, %3 words</source>
        <translation>%1 gelesen: %2 Sätze, %3 Wörter</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Export the video to</source>
        <translation>Video exportieren nach</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>%1 Dateien nach %2 exportiert</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Take the &amp;Tour</source>
        <translation>&amp;Rundgang starten</translation>
    </message>
    <message>
        <source>&amp;About Hidden Hill</source>
        <translation>Ü&amp;ber Hidden Hill</translation>
    </message>
    <message>
        <source>Start with a paper</source>
        <translation>Mit einem Artikel beginnen</translation>
    </message>
    <message>
        <source>Drop a PDF, a Word file or JATS/PubMed XML here, or click to choose one. You see what Hidden Hill read before anything is made.</source>
        <translation>Legen Sie hier ein PDF, eine Word-Datei oder JATS-/PubMed-XML ab oder klicken Sie, um eine Datei zu wählen. Sie sehen, was Hidden Hill gelesen hat, bevor etwas erstellt wird.</translation>
    </message>
    <message>
        <source>No paper at hand?</source>
        <translation>Kein Artikel zur Hand?</translation>
    </message>
    <message>
        <source>The sample is a short summary of Meselson and Stahl&apos;s 1958 paper on how DNA copies itself.</source>
        <translation>Das Beispiel ist eine kurze Zusammenfassung des Artikels von Meselson und Stahl aus dem Jahr 1958 darüber, wie sich DNA verdoppelt.</translation>
    </message>
    <message>
        <source>Make the video</source>
        <translation>Das Video erstellen</translation>
    </message>
    <message>
        <source>Pick the length, shape and voice, then press Make video. It is made on this computer while you carry on.</source>
        <translation>Wählen Sie Länge, Format und Stimme und drücken Sie dann „Video erstellen“. Es entsteht auf diesem Computer, während Sie weiterarbeiten.</translation>
    </message>
    <message>
        <source>Your videos</source>
        <translation>Ihre Videos</translation>
    </message>
    <message>
        <source>Every video you make is kept in My Videos, with its progress while it is being made. Double-click one to play it beside the sentences it came from.</source>
        <translation>Jedes Video, das Sie erstellen, finden Sie unter „Meine Videos“, während der Erstellung mit seinem Fortschritt. Doppelklicken Sie auf eines, um es neben den Sätzen abzuspielen, aus denen es entstand.</translation>
    </message>
    <message>
        <source>fetching papers needs the network providers, which this window was started without</source>
        <translation>Zum Abrufen von Artikeln braucht es die Netzwerk-Anbieter, ohne die dieses Fenster gestartet wurde</translation>
    </message>
    <message>
        <source>&lt;p&gt;Fetching &lt;b&gt;%1&lt;/b&gt; from PubMed…&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; wird von PubMed abgerufen …&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Video</source>
        <translation>&amp;Neues Video</translation>
    </message>
    <message>
        <source>&amp;Open Paper…</source>
        <translation>&amp;Paper öffnen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Videos being made: %1</source>
        <translation>Videos in Arbeit: %1</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>New video</source>
        <translation>Neues Video</translation>
    </message>
    <message>
        <source>My Videos</source>
        <translation>Meine Videos</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>The tour and what Hidden Hill is</source>
        <translation>Die Tour und was Hidden Hill ist</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>Account and help</source>
        <translation>Konto und Hilfe</translation>
    </message>
    <message>
        <source>Your account has no password: anyone who uses this computer can open it and its videos.</source>
        <translation>Ihr Konto hat kein Passwort: Jeder, der diesen Computer benutzt, kann es und seine Videos öffnen.</translation>
    </message>
    <message>
        <source>Set a password…</source>
        <translation>Passwort festlegen …</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>The video was not exported: %1
Choose a folder you can write to, with room for the video, and export again.</source>
        <translation>Das Video wurde nicht exportiert: %1
Wählen Sie einen beschreibbaren Ordner mit genug Platz für das Video und exportieren Sie erneut.</translation>
    </message>
    <message>
        <source>Choose another folder…</source>
        <translation>Anderen Ordner wählen …</translation>
    </message>
    <message>
        <source>They can finish in the background with your keys, or stop now and continue from where they stopped next time.</source>
        <translation>Sie können im Hintergrund mit Ihren Schlüsseln fertig werden oder jetzt anhalten und beim nächsten Mal dort weitermachen, wo sie aufgehört haben.</translation>
    </message>
    <message>
        <source>Let them finish</source>
        <translation>Fertig werden lassen</translation>
    </message>
    <message>
        <source>Stop them</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stay signed in</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <source>Videos of yours still being made: %1</source>
        <translation>Ihre Videos, die noch erstellt werden: %1</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Clear the List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Open papers</source>
        <translation>Artikel öffnen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 papers&lt;/b&gt;, one video each:&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 Artikel&lt;/b&gt;, je ein Video:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 papers ready for Make video</source>
        <translation>%1 Artikel bereit für „Video erstellen“</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Could not read %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2: %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;&lt;small&gt;(%5)&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 konnte nicht gelesen werden&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2: %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;&lt;small&gt;(%5)&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>Pronunciation</source>
        <translation>Aussprache</translation>
    </message>
</context>
<context>
    <name>hh::MusicPicker</name>
    <message>
        <source>Calm pads</source>
        <translation>Ruhige Flächen</translation>
    </message>
    <message>
        <source>Gentle pulse</source>
        <translation>Sanfter Puls</translation>
    </message>
    <message>
        <source>Bright arpeggio</source>
        <translation>Helles Arpeggio</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Musik</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Made by Hidden Hill, %1 beats a minute</source>
        <translation>Von Hidden Hill erzeugt, %1 Schläge pro Minute</translation>
    </message>
    <message>
        <source>Choose file …</source>
        <translation>Datei wählen …</translation>
    </message>
    <message>
        <source>MP3, AAC/M4A, OGG, FLAC or WAV</source>
        <translation>MP3, AAC/M4A, OGG, FLAC oder WAV</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorhören</translation>
    </message>
    <message>
        <source>Hear 10 seconds of the music under the paper&apos;s title</source>
        <translation>10 Sekunden der Musik unter dem Titel des Artikels anhören</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Music volume</source>
        <translation>Musiklautstärke</translation>
    </message>
    <message>
        <source>How loud the music is in the pauses, against the voice; under speech it drops by a further 12 dB</source>
        <translation>Wie laut die Musik in den Pausen im Vergleich zur Stimme ist; unter der Sprache wird sie um weitere 12 dB leiser</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Choose music</source>
        <translation>Musik wählen</translation>
    </message>
    <message>
        <source>Audio files (*.mp3 *.m4a *.aac *.ogg *.oga *.opus *.flac *.wav);;All files (*)</source>
        <translation>Audiodateien (*.mp3 *.m4a *.aac *.ogg *.oga *.opus *.flac *.wav);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>This file cannot be used as music: %1</source>
        <translation>Diese Datei kann nicht als Musik verwendet werden: %1</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <source>Stop the music preview</source>
        <translation>Vorhören der Musik beenden</translation>
    </message>
    <message>
        <source>Preview the music</source>
        <translation>Musik vorhören</translation>
    </message>
</context>
<context>
    <name>hh::MusicPreview</name>
    <message>
        <source>The preview could not be made: %1</source>
        <translation>Die Hörprobe konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>No sound output was found on this computer.</source>
        <translation>Auf diesem Computer wurde keine Tonausgabe gefunden.</translation>
    </message>
    <message>
        <source>The preview could not be saved for playing: %1</source>
        <translation>Die Hörprobe konnte zum Abspielen nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The preview could not be played: %1</source>
        <translation>Die Hörprobe konnte nicht abgespielt werden: %1</translation>
    </message>
</context>
<context>
    <name>hh::PaperPreview</name>
    <message>
        <source>Abstract</source>
        <translation>Abstract</translation>
    </message>
    <message>
        <source>Figures — untick the ones the video should leave out:</source>
        <translation>Abbildungen – entfernen Sie den Haken bei denen, die das Video weglassen soll:</translation>
    </message>
    <message>
        <source>Figures of the paper</source>
        <translation>Abbildungen des Artikels</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>1 figure</source>
        <translation>1 Abbildung</translation>
    </message>
    <message>
        <source>%1 figures</source>
        <translation>%1 Abbildungen</translation>
    </message>
    <message>
        <source>1 section</source>
        <translation>1 Abschnitt</translation>
    </message>
    <message>
        <source>%1 sections</source>
        <translation>%1 Abschnitte</translation>
    </message>
    <message>
        <source>&lt;i&gt;This paper has no abstract.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Dieser Artikel hat kein Abstract.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>hh::PlayerWidget</name>
    <message>
        <source>Play (Space)</source>
        <translation>Abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stumm schalten</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>No sound output is available</source>
        <translation>Keine Tonausgabe verfügbar</translation>
    </message>
    <message>
        <source>Full screen (F)</source>
        <translation>Vollbild (F)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Copy description</source>
        <translation>Beschreibung kopieren</translation>
    </message>
    <message>
        <source>Title, authors, DOI, licence and hashtags for a post</source>
        <translation>Titel, Autoren, DOI, Lizenz und Hashtags für einen Beitrag</translation>
    </message>
    <message>
        <source>The video cannot be played: %1</source>
        <translation>Das Video lässt sich nicht abspielen: %1</translation>
    </message>
    <message>
        <source>Cannot open this video: %1</source>
        <translation>Dieses Video lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Cannot open this video: final_video.mp4 is missing. The job may not have finished; open it from My Videos to retry.</source>
        <translation>Dieses Video lässt sich nicht öffnen: final_video.mp4 fehlt. Der Auftrag ist vielleicht nicht fertig geworden; öffnen Sie ihn unter „Meine Videos“, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Leave full screen (Esc)</source>
        <translation>Vollbild verlassen (Esc)</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Scene %1 of %2 — %3</source>
        <translation>Szene %1 von %2 – %3</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Ton einschalten</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>Kopiert ✓</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Copy the video, its captions and its description to a folder</source>
        <translation>Video, Untertitel und Beschreibung in einen Ordner kopieren</translation>
    </message>
</context>
<context>
    <name>hh::ProfileDialog</name>
    <message>
        <source>Your account</source>
        <translation>Ihr Konto</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>Namen speichern</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Passwort ändern …</translation>
    </message>
    <message>
        <source>Delete my account…</source>
        <translation>Mein Konto löschen …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Delete your account</source>
        <translation>Ihr Konto löschen</translation>
    </message>
    <message>
        <source>This deletes your account and every video, script and file it made. It cannot be undone.</source>
        <translation>Damit werden Ihr Konto und alle Videos, Skripte und Dateien, die damit erstellt wurden, gelöscht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Neues Passwort:</translation>
    </message>
    <message>
        <source>Your password:</source>
        <translation>Ihr Passwort:</translation>
    </message>
    <message>
        <source>%1 videos · %2 minutes · success rate %3</source>
        <translation>%1 Videos · %2 Minuten · Erfolgsquote %3</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Name saved.</source>
        <translation>Name gespeichert.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Passwort geändert.</translation>
    </message>
    <message>
        <source>Cloud use this month</source>
        <translation>Cloud-Nutzung in diesem Monat</translation>
    </message>
    <message>
        <source>None: every video so far was made with the built-in providers.</source>
        <translation>Keine: Alle bisherigen Videos wurden mit den eingebauten Anbietern erstellt.</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 Aufrufe</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 tokens in, %2 out</source>
        <translation>%1 Tokens hinein, %2 heraus</translation>
    </message>
    <message>
        <source>%1 s of narration</source>
        <translation>%1 s Sprechtext</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 Credits</translation>
    </message>
    <message>
        <source>about $%1</source>
        <translation>etwa %1 $</translation>
    </message>
    <message>
        <source>Total: about $%1</source>
        <translation>Insgesamt: etwa %1 $</translation>
    </message>
    <message>
        <source>Set a password…</source>
        <translation>Passwort festlegen …</translation>
    </message>
    <message>
        <source>The account is being deleted; the rest is done at the next start (%1)</source>
        <translation>Das Konto wird gelöscht; der Rest geschieht beim nächsten Start (%1)</translation>
    </message>
    <message>
        <source>Set a password</source>
        <translation>Passwort festlegen</translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation>Dasselbe Passwort noch einmal:</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Password set. Keep the recovery code: it resets a forgotten password.</source>
        <translation>Passwort festgelegt. Bewahren Sie den Wiederherstellungscode auf: Mit ihm setzen Sie ein vergessenes Passwort zurück.</translation>
    </message>
</context>
<context>
    <name>hh::PronunciationPage</name>
    <message>
        <source>Words the voices say wrong, and how to say them. Write it as it sounds (“ee-ko-LYE”); captions and the script keep the paper’s spelling. A word written all in lower case also matches it capitalised.</source>
        <translation>Wörter, die die Stimmen falsch aussprechen, und wie sie richtig klingen. Schreiben Sie es so, wie es klingt („ih-ko-LEI“); Untertitel und Skript behalten die Schreibweise des Artikels. Ein klein geschriebenes Wort passt auch auf seine großgeschriebene Form.</translation>
    </message>
    <message>
        <source>Pronunciations</source>
        <translation>Aussprachen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Add &amp;common science terms</source>
        <translation>Häufige &amp;Fachbegriffe hinzufügen</translation>
    </message>
    <message>
        <source>Units, Greek letters and lab abbreviations the built-in voice gets wrong</source>
        <translation>Einheiten, griechische Buchstaben und Laborabkürzungen, die die eingebaute Stimme falsch ausspricht</translation>
    </message>
    <message>
        <source>Voice for the test</source>
        <translation>Stimme für den Test</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Say the selected word with this voice</source>
        <translation>Das ausgewählte Wort mit dieser Stimme sprechen</translation>
    </message>
    <message>
        <source>Voice:</source>
        <translation>Stimme:</translation>
    </message>
    <message>
        <source>Terms added: %1</source>
        <translation>Hinzugefügte Begriffe: %1</translation>
    </message>
    <message>
        <source>Your pronunciations could not be read: %1</source>
        <translation>Ihre Aussprachen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>Nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>Your pronunciations could not be saved: %1</source>
        <translation>Ihre Aussprachen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Fill in the word and how to say it first.</source>
        <translation>Tragen Sie zuerst das Wort und seine Aussprache ein.</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
</context>
<context>
    <name>hh::ProviderChoices</name>
    <message>
        <source>Script writer</source>
        <translation>Skriptautor</translation>
    </message>
    <message>
        <source>Built-in (from the paper&apos;s own sentences)</source>
        <translation>Eingebaut (aus den eigenen Sätzen des Artikels)</translation>
    </message>
    <message>
        <source>Google Gemini</source>
        <translation>Google Gemini</translation>
    </message>
    <message>
        <source>Local LLM (OpenAI-compatible server)</source>
        <translation>Lokales Sprachmodell (OpenAI-kompatibler Server)</translation>
    </message>
    <message>
        <source>Narrator</source>
        <translation>Sprecher</translation>
    </message>
    <message>
        <source>Built-in (Flite, espeak-ng)</source>
        <translation>Eingebaut (Flite, espeak-ng)</translation>
    </message>
    <message>
        <source>Google Gemini voices</source>
        <translation>Stimmen von Google Gemini</translation>
    </message>
    <message>
        <source>Visuals</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Built-in motion graphics</source>
        <translation>Eingebaute Animationen</translation>
    </message>
    <message>
        <source>Runway video clips</source>
        <translation>Videoclips von Runway</translation>
    </message>
    <message>
        <source>Sc&amp;ript</source>
        <translation>Sk&amp;ript</translation>
    </message>
    <message>
        <source>&amp;Narrator</source>
        <translation>S&amp;precher</translation>
    </message>
    <message>
        <source>V&amp;isuals</source>
        <translation>&amp;Bilder</translation>
    </message>
    <message>
        <source>Add your key in Settings → Providers to use this.</source>
        <translation>Hinterlegen Sie Ihren Schlüssel unter Einstellungen → Anbieter, um dies zu nutzen.</translation>
    </message>
    <message>
        <source>Start Hidden Hill with the network providers to use this.</source>
        <translation>Starten Sie Hidden Hill mit den Netzwerk-Anbietern, um dies zu nutzen.</translation>
    </message>
    <message>
        <source>Made on this computer: free, no network.</source>
        <translation>Auf diesem Computer erstellt: kostenlos, ohne Netzwerk.</translation>
    </message>
    <message>
        <source>Estimated cost: about $%1 (list prices).</source>
        <translation>Geschätzte Kosten: etwa %1 $ (Listenpreise).</translation>
    </message>
    <message>
        <source>Runway: %1 clips, about %2 credits.</source>
        <translation>Runway: %1 Clips, etwa %2 Credits.</translation>
    </message>
    <message>
        <source>Speech server (OpenAI-compatible)</source>
        <translation>Sprachserver (OpenAI-kompatibel)</translation>
    </message>
</context>
<context>
    <name>hh::ProvidersPage</name>
    <message>
        <source>Hidden Hill makes videos offline with its built-in providers. Cloud providers write livelier scripts, voices and clips; they need your own key. Keys are kept in your system keychain, never in Hidden Hill&apos;s files.</source>
        <translation>Hidden Hill erstellt Videos offline mit seinen eingebauten Anbietern. Cloud-Anbieter schreiben lebendigere Skripte und liefern Stimmen und Clips; dafür brauchen sie Ihren eigenen Schlüssel. Schlüssel liegen im Schlüsselbund Ihres Systems, nie in den Dateien von Hidden Hill.</translation>
    </message>
    <message>
        <source>Scripts and narration</source>
        <translation>Skripte und Sprechtext</translation>
    </message>
    <message>
        <source>%1 (voice: %2)</source>
        <translation>%1 (Stimme: %2)</translation>
    </message>
    <message>
        <source>Video clips for each scene</source>
        <translation>Videoclips für jede Szene</translation>
    </message>
    <message>
        <source>Papers by PubMed ID, PMCID or DOI (works without a key; a key allows faster fetching)</source>
        <translation>Artikel per PubMed-ID, PMCID oder DOI (geht ohne Schlüssel; mit Schlüssel geht das Abrufen schneller)</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>%1 API key</source>
        <translation>API-Schlüssel für %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Check key</source>
        <translation>Schlüssel prüfen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Save the %1 key</source>
        <translation>Schlüssel für %1 speichern</translation>
    </message>
    <message>
        <source>Check the %1 key</source>
        <translation>Schlüssel für %1 prüfen</translation>
    </message>
    <message>
        <source>Remove the %1 key</source>
        <translation>Schlüssel für %1 entfernen</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>Monthly spending limit for %1</source>
        <translation>Monatliche Ausgabengrenze für %1</translation>
    </message>
    <message>
        <source>A job that would pass this month&apos;s limit stops before it spends.</source>
        <translation>Ein Auftrag, der die Grenze dieses Monats überschreiten würde, hält an, bevor er Geld ausgibt.</translation>
    </message>
    <message>
        <source>Monthly limit:</source>
        <translation>Monatliche Grenze:</translation>
    </message>
    <message>
        <source>A key is saved in the system keychain</source>
        <translation>Ein Schlüssel ist im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Key saved.</source>
        <translation>Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>No key: papers are fetched at up to 3 requests a second.</source>
        <translation>Kein Schlüssel: Artikel werden mit höchstens 3 Anfragen pro Sekunde abgerufen.</translation>
    </message>
    <message>
        <source>No key: fine for most local servers.</source>
        <translation>Kein Schlüssel: Für die meisten lokalen Server in Ordnung.</translation>
    </message>
    <message>
        <source>No key: %1 is not offered for new videos.</source>
        <translation>Kein Schlüssel: %1 wird für neue Videos nicht angeboten.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Key saved in the system keychain.</source>
        <translation>Schlüssel im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Checking with %1…</source>
        <translation>Wird bei %1 geprüft …</translation>
    </message>
    <message>
        <source>✓ The key works: %1</source>
        <translation>✓ Der Schlüssel funktioniert: %1</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>Monthly limit: $%1.</source>
        <translation>Monatliche Grenze: %1 $.</translation>
    </message>
    <message>
        <source>No monthly limit.</source>
        <translation>Keine monatliche Grenze.</translation>
    </message>
    <message>
        <source>Cannot read the monthly limit: %1</source>
        <translation>Das Monatslimit kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The monthly limit was not saved: %1</source>
        <translation>Das Monatslimit wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Scripts from a local model server (Ollama, llama.cpp, LM Studio); a key is rarely needed</source>
        <translation>Skripte von einem lokalen Modellserver (Ollama, llama.cpp, LM Studio); ein Schlüssel ist selten nötig</translation>
    </message>
    <message>
        <source>Clips at once:</source>
        <translation>Clips gleichzeitig:</translation>
    </message>
    <message>
        <source>Narration from a speech server (Kokoro-FastAPI, LocalAI, openedai-speech, or OpenAI with a key)</source>
        <translation>Sprecherstimme von einem Sprachserver (Kokoro-FastAPI, LocalAI, openedai-speech oder OpenAI mit Schlüssel)</translation>
    </message>
</context>
<context>
    <name>hh::RecoveryCodeDialog</name>
    <message>
        <source>Your recovery code</source>
        <translation>Ihr Wiederherstellungscode</translation>
    </message>
    <message>
        <source>Keep this recovery code somewhere safe</source>
        <translation>Bewahren Sie diesen Wiederherstellungscode sicher auf</translation>
    </message>
    <message>
        <source>If you forget the password of “%1”, this code is the only way to set a new one on this computer. It is shown only this once.</source>
        <translation>Wenn Sie das Passwort von „%1“ vergessen, können Sie nur mit diesem Code auf diesem Computer ein neues festlegen. Er wird nur dieses eine Mal angezeigt.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Save to file…</source>
        <translation>In Datei &amp;speichern …</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>Save recovery code</source>
        <translation>Wiederherstellungscode speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>hiddenhill-recovery-code-%1.txt</source>
        <translation>hiddenhill-wiederherstellungscode-%1.txt</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Gespeichert in %1.</translation>
    </message>
    <message>
        <source>Hidden Hill recovery code

Account: %1
Code: %2
Made: %3

This code sets a new password for the account above when its password is
forgotten: on Hidden Hill&apos;s sign-in window, choose “Forgot password?”.
It works once; after a reset, Hidden Hill shows a new code.
Keep this file private: whoever has it can reset the account&apos;s password.
</source>
        <translation>Hidden-Hill-Wiederherstellungscode

Konto: %1
Code: %2
Erstellt: %3

Mit diesem Code legen Sie ein neues Passwort für das obige Konto fest, wenn das
Passwort vergessen wurde: Wählen Sie im Anmeldefenster von Hidden Hill
„Passwort vergessen?“. Er funktioniert einmal; nach dem Zurücksetzen zeigt
Hidden Hill einen neuen Code.
Halten Sie diese Datei privat: Wer sie hat, kann das Passwort des Kontos zurücksetzen.
</translation>
    </message>
</context>
<context>
    <name>hh::RunwayConcurrencyField</name>
    <message>
        <source>Runway clips at once</source>
        <translation>Runway-Clips gleichzeitig</translation>
    </message>
    <message>
        <source>How many clips Runway makes at once for your account (your usage tier&apos;s concurrency). All videos being made share them; more are queued at Runway.</source>
        <translation>Wie viele Clips Runway für Ihr Konto gleichzeitig erzeugt (die Parallelität Ihrer Nutzungsstufe). Alle Videos, die gerade entstehen, teilen sie sich; weitere warten bei Runway in der Warteschlange.</translation>
    </message>
</context>
<context>
    <name>hh::SceneListModel</name>
    <message>
        <source>%1 (not found in the paper)</source>
        <translation>%1 (im Artikel nicht gefunden)</translation>
    </message>
    <message>
        <source>%1 — “%2”</source>
        <translation>%1 – „%2“</translation>
    </message>
    <message>
        <source>Scene %1 · %2 — %3
%4</source>
        <translation>Szene %1 · %2 – %3
%4</translation>
    </message>
</context>
<context>
    <name>hh::ScriptReviewDialog</name>
    <message>
        <source>Review the script</source>
        <translation>Skript durchsehen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Delete scene</source>
        <translation>Szene löschen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Headline on screen</source>
        <translation>Schlagzeile im Bild</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Sprechtext</translation>
    </message>
    <message>
        <source>From the paper</source>
        <translation>Aus dem Artikel</translation>
    </message>
    <message>
        <source>Numbers the paper does not state</source>
        <translation>Zahlen, die nicht im Artikel stehen</translation>
    </message>
    <message>
        <source>%1

Keep these scenes anyway?</source>
        <translation>%1

Diese Szenen trotzdem behalten?</translation>
    </message>
    <message>
        <source>The script of this job cannot be read.</source>
        <translation>Das Skript dieses Auftrags lässt sich nicht lesen.</translation>
    </message>
    <message>
        <source>%1 (not in the paper)</source>
        <translation>%1 (nicht im Artikel)</translation>
    </message>
    <message>
        <source>Scene %1 has no narration; write some or delete the scene.</source>
        <translation>Szene %1 hat keinen Sprechtext; schreiben Sie einen oder löschen Sie die Szene.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ Whole script: %1</source>
        <translation>⚠ Ganzes Skript: %1</translation>
    </message>
</context>
<context>
    <name>hh::ServerBox</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Speech server address</source>
        <translation>Adresse des Sprachservers</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Speech server voice</source>
        <translation>Stimme des Sprachservers</translation>
    </message>
    <message>
        <source>Ask the speech server for its voices</source>
        <translation>Den Sprachserver nach seinen Stimmen fragen</translation>
    </message>
    <message>
        <source>Save the speech server, model and voice</source>
        <translation>Sprachserver, Modell und Stimme speichern</translation>
    </message>
    <message>
        <source>Local LLM server address</source>
        <translation>Adresse des lokalen LLM-Servers</translation>
    </message>
    <message>
        <source>Local LLM model</source>
        <translation>Lokales LLM-Modell</translation>
    </message>
    <message>
        <source>Ask the local LLM server for its models</source>
        <translation>Den lokalen LLM-Server nach seinen Modellen fragen</translation>
    </message>
    <message>
        <source>Save the local LLM server and model</source>
        <translation>Lokalen LLM-Server und Modell speichern</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Voice:</source>
        <translation>Stimme:</translation>
    </message>
    <message>
        <source>Asking %1 for its voices…</source>
        <translation>%1 wird nach seinen Stimmen gefragt …</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>%1 wird nach seinen Modellen gefragt …</translation>
    </message>
    <message>
        <source>✗ No answer from the server: %1. Is it running?</source>
        <translation>✗ Keine Antwort vom Server: %1. Läuft er?</translation>
    </message>
    <message>
        <source>✗ The server wants a key: save it under API key below.</source>
        <translation>✗ Der Server verlangt einen Schlüssel: Speichern Sie ihn unten unter „API-Schlüssel“.</translation>
    </message>
    <message>
        <source>This server has no voice list: type the voice&apos;s name.</source>
        <translation>Dieser Server hat keine Stimmenliste: Geben Sie den Namen der Stimme ein.</translation>
    </message>
    <message>
        <source>✗ The server answered, but listed no voices (HTTP %1). Is this an OpenAI-compatible address, such as http://localhost:8880/v1?</source>
        <translation>✗ Der Server hat geantwortet, aber keine Stimmen genannt (HTTP %1). Ist das eine OpenAI-kompatible Adresse wie http://localhost:8880/v1?</translation>
    </message>
    <message>
        <source>✗ The server answered, but listed no models (HTTP %1). Is this an OpenAI-compatible address, such as http://localhost:11434/v1?</source>
        <translation>✗ Der Server hat geantwortet, aber keine Modelle genannt (HTTP %1). Ist das eine OpenAI-kompatible Adresse wie http://localhost:11434/v1?</translation>
    </message>
    <message>
        <source>✓ Voices on the server: %1. Choose one and Save.</source>
        <translation>✓ Stimmen auf dem Server: %1. Wählen Sie eine und speichern Sie.</translation>
    </message>
    <message>
        <source>✓ Models on the server: %1. Choose one and Save.</source>
        <translation>✓ Modelle auf dem Server: %1. Wählen Sie eines und speichern Sie.</translation>
    </message>
    <message>
        <source>Type the server&apos;s model first, such as kokoro or tts-1.</source>
        <translation>Geben Sie zuerst das Modell des Servers ein, etwa kokoro oder tts-1.</translation>
    </message>
    <message>
        <source>Choose a model first (Check lists the server&apos;s models).</source>
        <translation>Wählen Sie zuerst ein Modell („Prüfen“ listet die Modelle des Servers auf).</translation>
    </message>
    <message>
        <source>Choose a voice first (Check lists the server&apos;s voices).</source>
        <translation>Wählen Sie zuerst eine Stimme („Prüfen“ listet die Stimmen des Servers auf).</translation>
    </message>
    <message>
        <source>Saved: new narrations ask %1 for %2 with voice %3.</source>
        <translation>Gespeichert: Neue Vertonungen fragen %1 nach %2 mit der Stimme %3.</translation>
    </message>
    <message>
        <source>Saved: new scripts ask %1 at %2.</source>
        <translation>Gespeichert: Neue Skripte fragen %1 unter %2.</translation>
    </message>
</context>
<context>
    <name>hh::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Seiten der Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
</context>
<context>
    <name>hh::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Forgot password?</source>
        <translation>Passwort vergessen?</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Password changed; signing in.</source>
        <translation>Passwort geändert; Anmeldung läuft.</translation>
    </message>
    <message>
        <source>Welcome to Hidden Hill</source>
        <translation>Willkommen bei Hidden Hill</translation>
    </message>
    <message>
        <source>Drop in a scientific paper and get a narrated, captioned vertical video about it, made here on this computer.</source>
        <translation>Legen Sie einen wissenschaftlichen Artikel ab und erhalten Sie ein vertontes Hochformat-Video mit Untertiteln darüber, erstellt hier auf diesem Computer.</translation>
    </message>
    <message>
        <source>Everyone who uses this computer has their own account, so each person&apos;s papers and videos stay apart. Start by creating yours.</source>
        <translation>Jede Person, die diesen Computer nutzt, hat ein eigenes Konto, damit die Artikel und Videos aller getrennt bleiben. Erstellen Sie zuerst Ihres.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Passwort bestätigen</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Passwortstärke</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Recovery &amp;code</source>
        <translation>Wiederherstellungs&amp;code</translation>
    </message>
    <message>
        <source>Con&amp;firm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Neues Konto …</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Each account sees only its own papers and videos.</source>
        <translation>Jedes Konto sieht nur seine eigenen Artikel und Videos.</translation>
    </message>
    <message>
        <source>Create your account</source>
        <translation>Ihr Konto erstellen</translation>
    </message>
    <message>
        <source>Your papers and videos stay in this account, apart from those of anyone else who uses this computer.</source>
        <translation>Ihre Artikel und Videos bleiben in diesem Konto, getrennt von denen aller anderen, die diesen Computer nutzen.</translation>
    </message>
    <message>
        <source>Reset your password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Enter the recovery code you kept when the account was made, and choose a new password.</source>
        <translation>Geben Sie den Wiederherstellungscode ein, den Sie beim Erstellen des Kontos aufbewahrt haben, und wählen Sie ein neues Passwort.</translation>
    </message>
    <message>
        <source>New pass&amp;word</source>
        <translation>Neues Pass&amp;wort</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Enter the name of the account to reset.</source>
        <translation>Geben Sie den Namen des Kontos ein, das zurückgesetzt werden soll.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Enter the recovery code.</source>
        <translation>Geben Sie den Wiederherstellungscode ein.</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>Sehr schwach</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Schwach</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Stark</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Ihr Konto wird erstellt …</translation>
    </message>
    <message>
        <source>Checking the recovery code…</source>
        <translation>Der Wiederherstellungscode wird geprüft …</translation>
    </message>
    <message>
        <source>%1 has no password: leave the password empty to sign in, then set one in your account.</source>
        <translation>%1 hat kein Passwort: Lassen Sie das Passwort leer, um sich anzumelden, und legen Sie dann in Ihrem Konto eines fest.</translation>
    </message>
    <message>
        <source>No password</source>
        <translation>Kein Passwort</translation>
    </message>
</context>
<context>
    <name>hh::TrayNotifier</name>
    <message>
        <source>Hidden Hill</source>
        <translation>Hidden Hill</translation>
    </message>
</context>
<context>
    <name>hh::VoiceSample</name>
    <message>
        <source>The voice could not speak the sample: %1</source>
        <translation>Die Stimme konnte die Hörprobe nicht sprechen: %1</translation>
    </message>
    <message>
        <source>No sound output was found on this computer.</source>
        <translation>Auf diesem Computer wurde keine Tonausgabe gefunden.</translation>
    </message>
    <message>
        <source>The sample could not be saved for playing: %1</source>
        <translation>Die Hörprobe konnte zum Abspielen nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The sample could not be played: %1</source>
        <translation>Die Hörprobe konnte nicht abgespielt werden: %1</translation>
    </message>
</context>
</TS>
