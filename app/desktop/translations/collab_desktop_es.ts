<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>collab::client::CollabClient</name>
    <message>
        <source>request is over %1 bytes</source>
        <translation>la petición supera los %1 bytes</translation>
    </message>
    <message>
        <source>no welcome from the server</source>
        <translation>el servidor no dio la bienvenida</translation>
    </message>
    <message>
        <source>unexpected reply to hello</source>
        <translation>respuesta inesperada al saludo</translation>
    </message>
    <message>
        <source>join of %1 failed: %2</source>
        <translation>no se pudo entrar en %1: %2</translation>
    </message>
    <message>
        <source>events of %1 after seq %2 went missing</source>
        <translation>se perdieron eventos de %1 después del número %2</translation>
    </message>
    <message>
        <source>removed from %1 by %2</source>
        <translation>expulsado de %1 por %2</translation>
    </message>
    <message>
        <source>no pong from the server</source>
        <translation>el servidor no responde al ping</translation>
    </message>
</context>
<context>
    <name>collab::client::Connection</name>
    <message>
        <source>no connection within %1 ms</source>
        <translation>sin conexión en %1 ms</translation>
    </message>
    <message>
        <source>closed by the client</source>
        <translation>cerrada por el cliente</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>el servidor cerró la conexión</translation>
    </message>
</context>
<context>
    <name>collab::client::ExportDownload</name>
    <message>
        <source>the server sent no usable export link</source>
        <translation>el servidor no envió un enlace de exportación válido</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>the export download failed: %1</source>
        <translation>la descarga de la exportación falló: %1</translation>
    </message>
    <message>
        <source>the server refused the export (HTTP %1)</source>
        <translation>el servidor rechazó la exportación (HTTP %1)</translation>
    </message>
    <message>
        <source>the server refused the export (HTTP %1): %2</source>
        <translation>el servidor rechazó la exportación (HTTP %1): %2</translation>
    </message>
    <message>
        <source>cannot move the export to %1</source>
        <translation>no se puede mover la exportación a %1</translation>
    </message>
</context>
<context>
    <name>collab::client::FileTransfer</name>
    <message>
        <source>the file is larger than its card said (over %1 bytes)</source>
        <translation>el archivo es más grande de lo que decía su ficha (más de %1 bytes)</translation>
    </message>
</context>
<context>
    <name>collab::client::OutboxDispatcher</name>
    <message>
        <source>invalid course or channel name</source>
        <translation>nombre de curso o de canal no válido</translation>
    </message>
    <message>
        <source>text must not be empty</source>
        <translation>el texto no puede estar vacío</translation>
    </message>
    <message>
        <source>text is over %1 bytes</source>
        <translation>el texto supera los %1 bytes</translation>
    </message>
</context>
<context>
    <name>collab::client::RequestResult</name>
    <message>
        <source>no reply from the server within %1 ms</source>
        <translation>el servidor no respondió en %1 ms</translation>
    </message>
    <message>
        <source>the connection dropped before the reply: %1</source>
        <translation>la conexión se cortó antes de la respuesta: %1</translation>
    </message>
    <message>
        <source>not connected to the server</source>
        <translation>sin conexión con el servidor</translation>
    </message>
</context>
<context>
    <name>collab::client::ServerTrust</name>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>no se puede leer el archivo de CA %1: %2</translation>
    </message>
    <message>
        <source>no PEM certificate in the CA file %1</source>
        <translation>no hay ningún certificado PEM en el archivo de CA %1</translation>
    </message>
    <message>
        <source>TLS certificate not trusted: %1</source>
        <translation>certificado TLS no fiable: %1</translation>
    </message>
</context>
<context>
    <name>collab::client::SharedNote</name>
    <message>
        <source>removed from %1 by %2</source>
        <translation>expulsado de %1 por %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::AccessibleText</name>
    <message>
        <source>instructor</source>
        <translation>profesor</translation>
    </message>
    <message>
        <source>TA</source>
        <translation>ayudante</translation>
    </message>
    <message>
        <source>server administrator</source>
        <translation>administrador del servidor</translation>
    </message>
    <message>
        <source>unknown author</source>
        <translation>autor desconocido</translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation>%1 vía %2</translation>
    </message>
    <message>
        <source>%1: message deleted</source>
        <translation>%1: mensaje eliminado</translation>
    </message>
    <message>
        <source>%1: message deleted by %2</source>
        <translation>%1: mensaje eliminado por %2</translation>
    </message>
    <message>
        <source>%1: poll: %2</source>
        <translation>%1: encuesta: %2</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editado</translation>
    </message>
    <message>
        <source>edited by %1</source>
        <translation>editado por %1</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n respuesta</numerusform>
            <numerusform>%n respuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>reactions %1</source>
        <translation>reacciones %1</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>no enviado: %1</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anónimo</translation>
    </message>
    <message>
        <source>question, resolved</source>
        <translation>pregunta, resuelta</translation>
    </message>
    <message>
        <source>question, open</source>
        <translation>pregunta, abierta</translation>
    </message>
    <message>
        <source>endorsed answer</source>
        <translation>respuesta avalada</translation>
    </message>
    <message>
        <source>reply in a thread</source>
        <translation>respuesta en un hilo</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fijado</translation>
    </message>
    <message numerus="yes">
        <source>%n new reply(s)</source>
        <translation>
            <numerusform>%n respuesta nueva</numerusform>
            <numerusform>%n respuestas nuevas</numerusform>
        </translation>
    </message>
    <message>
        <source>mentions you</source>
        <translation>te menciona</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>canal %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n sin leer</numerusform>
            <numerusform>%n sin leer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>%n te menciona</numerusform>
            <numerusform>%n te mencionan</numerusform>
        </translation>
    </message>
    <message>
        <source>presence unknown</source>
        <translation>presencia desconocida</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>fuera de línea</translation>
    </message>
</context>
<context>
    <name>collab::desktop::AppController</name>
    <message>
        <source>not connected within %1 s: no screenshot</source>
        <translation>sin conexión en %1 s: no hay captura de pantalla</translation>
    </message>
    <message>
        <source>Cannot host a session: %1</source>
        <translation>No se puede alojar una sesión: %1</translation>
    </message>
    <message>
        <source>choose your name first (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter)</source>
        <translation>elige primero tu nombre (letras, dígitos, «.», «_» o «-», empezando por una letra)</translation>
    </message>
    <message>
        <source>Your new course</source>
        <translation>Tu nuevo curso</translation>
    </message>
    <message>
        <source>no course was created</source>
        <translation>no se creó ningún curso</translation>
    </message>
    <message>
        <source>Cannot create the course: %1</source>
        <translation>No se puede crear el curso: %1</translation>
    </message>
    <message>
        <source>cannot join: %1</source>
        <translation>no se puede entrar: %1</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>No se pudo entrar: %1</translation>
    </message>
    <message>
        <source>Could not join %1: %2</source>
        <translation>No se pudo entrar en %1: %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::AttachmentTray</name>
    <message>
        <source>Attach files to your next message (or drop them on the chat, or paste an image)</source>
        <translation>Adjunta archivos a tu próximo mensaje (o arrástralos al chat, o pega una imagen)</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 no es un archivo</translation>
    </message>
    <message>
        <source>%1 is too large (%2)</source>
        <translation>%1 es demasiado grande (%2)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>a message carries at most %n file(s)</source>
        <translation>
            <numerusform>un mensaje lleva como mucho %n archivo</numerusform>
            <numerusform>un mensaje lleva como mucho %n archivos</numerusform>
        </translation>
    </message>
    <message>
        <source>the pasted image could not be read</source>
        <translation>no se pudo leer la imagen pegada</translation>
    </message>
    <message>
        <source>Remove %1 from the message</source>
        <translation>Quitar %1 del mensaje</translation>
    </message>
    <message>
        <source>%1 was not attached: %2</source>
        <translation>%1 no se adjuntó: %2</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Adjuntar…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
</context>
<context>
    <name>collab::desktop::Attachments</name>
    <message>
        <source>ZIP archive</source>
        <translation>archivo ZIP</translation>
    </message>
    <message>
        <source>gzip archive</source>
        <translation>archivo gzip</translation>
    </message>
    <message>
        <source>text</source>
        <comment>a file&apos;s type</comment>
        <translation>texto</translation>
    </message>
    <message>
        <source>%1 image</source>
        <translation>imagen %1</translation>
    </message>
    <message>
        <source>file</source>
        <comment>a file&apos;s type</comment>
        <translation>archivo</translation>
    </message>
    <message>
        <source>not an image this app can show</source>
        <translation>no es una imagen que esta aplicación pueda mostrar</translation>
    </message>
    <message>
        <source>the image does not say its size</source>
        <translation>la imagen no indica su tamaño</translation>
    </message>
    <message>
        <source>not shown: the image declares %1 × %2 pixels</source>
        <translation>no se muestra: la imagen declara %1 × %2 píxeles</translation>
    </message>
    <message>
        <source>the image could not be read: %1</source>
        <translation>no se pudo leer la imagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · click to save</source>
        <translation>%1 · %2 · haz clic para guardar</translation>
    </message>
    <message>
        <source>%1 · loading the image…</source>
        <translation>%1 · cargando la imagen…</translation>
    </message>
    <message>
        <source>⚠ %1 · click to save</source>
        <translation>⚠ %1 · haz clic para guardar</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Guardar el archivo</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 no se guardó: %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::AuthorLabel</name>
    <message>
        <source>Anonymous</source>
        <translation>Anónimo</translation>
    </message>
    <message>
        <source>You, posting anonymously</source>
        <translation>Tú, publicando de forma anónima</translation>
    </message>
    <message>
        <source>%1 (you, posted anonymously)</source>
        <translation>%1 (tú, publicado de forma anónima)</translation>
    </message>
    <message>
        <source>%1 (anonymous to students)</source>
        <translation>%1 (anónimo para los estudiantes)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an anonymous post&apos;s pseudonym, then who wrote it (shown to instructors and TAs only)</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, posted anonymously by you</source>
        <translation>%1, publicado de forma anónima por ti</translation>
    </message>
    <message>
        <source>%1, posted anonymously by %2</source>
        <translation>%1, publicado de forma anónima por %2</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anónimo</translation>
    </message>
    <message>
        <source>you (posted anonymously)</source>
        <translation>tú (publicado de forma anónima)</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChannelModel</name>
    <message numerus="yes">
        <source>%n unread, %1 mentioning you</source>
        <translation>
            <numerusform>%n sin leer, menciones: %1</numerusform>
            <numerusform>%n sin leer, menciones: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n sin leer</numerusform>
            <numerusform>%n sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatAttachments</name>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Guardar %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatDelegate</name>
    <message>
        <source>This message was deleted by %1.</source>
        <translation>%1 eliminó este mensaje.</translation>
    </message>
    <message>
        <source>This message was deleted.</source>
        <translation>Este mensaje se eliminó.</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>vía %1</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(editado)</translation>
    </message>
    <message>
        <source>(edited by %1)</source>
        <translation>(editado por %1)</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>enviando…</translation>
    </message>
    <message>
        <source>⚠ not sent: %1 — right-click to retry</source>
        <translation>⚠ no enviado: %1 — clic derecho para reintentar</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Mensajes nuevos</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatModel</name>
    <message>
        <source>%1 (%2 new)</source>
        <translation>%1 (%2 sin leer)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <comment>replies by people</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>question (resolved)</source>
        <translation>pregunta (resuelta)</translation>
    </message>
    <message>
        <source>question</source>
        <translation>pregunta</translation>
    </message>
    <message>
        <source>↳ reply</source>
        <translation>↳ respuesta</translation>
    </message>
    <message>
        <source>✔ answer</source>
        <translation>✔ respuesta</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>no enviado</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n respuesta</numerusform>
            <numerusform>%n respuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fijado</translation>
    </message>
    <message>
        <source>poll</source>
        <translation>encuesta</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatPanel</name>
    <message>
        <source>Each message: author, time and text; the context menu (Menu key) has its actions</source>
        <translation>Cada mensaje: autor, hora y texto; el menú contextual (tecla Menú) tiene sus acciones</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, @ completes a member&apos;s name</source>
        <translation>Intro envía, Mayús+Intro empieza una línea nueva, @ completa el nombre de un miembro</translation>
    </message>
    <message>
        <source>Messages in #%1</source>
        <translation>Mensajes en #%1</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>Mensaje para #%1</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Seleccionar texto</translation>
    </message>
    <message>
        <source>Select what you want and press Ctrl+C.</source>
        <translation>Selecciona lo que quieras y pulsa Ctrl+C.</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>Copiar la dirección del enlace</translation>
    </message>
    <message>
        <source>Reply in thread</source>
        <translation>Responder en un hilo</translation>
    </message>
    <message>
        <source>Open poll</source>
        <translation>Abrir la encuesta</translation>
    </message>
    <message>
        <source>React</source>
        <translation>Reaccionar</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Dejar de fijar</translation>
    </message>
    <message>
        <source>Pin to channel</source>
        <translation>Fijar en el canal</translation>
    </message>
    <message>
        <source>Copy message text</source>
        <translation>Copiar el texto del mensaje</translation>
    </message>
    <message>
        <source>Select text…</source>
        <translation>Seleccionar texto…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Eliminar el mensaje</translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation>¿Eliminar este mensaje para todos?</translation>
    </message>
    <message>
        <source>Thumbs up</source>
        <translation>Me gusta</translation>
    </message>
    <message>
        <source>Celebrate</source>
        <translation>Celebrar</translation>
    </message>
    <message>
        <source>Love it</source>
        <translation>Me encanta</translation>
    </message>
    <message>
        <source>Funny</source>
        <translation>Me divierte</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Pensando</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>collab::desktop::Composer</name>
    <message>
        <source>Message — Enter to send, Shift+Enter for a new line</source>
        <translation>Mensaje — Intro para enviar, Mayús+Intro para una línea nueva</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ComposerOptions</name>
    <message>
        <source>Ask as a question</source>
        <translation>Como pregunta</translation>
    </message>
    <message>
        <source>Anonymously</source>
        <translation>Anónimo</translation>
    </message>
    <message>
        <source>Classmates can answer in its thread; instructors and TAs endorse an answer and mark it resolved</source>
        <translation>Tus compañeros pueden responder en su hilo; los profesores y los ayudantes avalan una respuesta y la marcan como resuelta</translation>
    </message>
    <message>
        <source>Classmates see a pseudonym; instructors and TAs see you</source>
        <translation>Tus compañeros ven un seudónimo; los profesores y los ayudantes ven quién eres</translation>
    </message>
    <message>
        <source>This course allows anonymous posts for questions only: tick Ask as a question first</source>
        <translation>Este curso solo permite publicar de forma anónima las preguntas: marca antes Como pregunta</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseExportAction</name>
    <message>
        <source>Export %1</source>
        <translation>Exportar %1</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Exportando %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export course</source>
        <translation>Exportar el curso</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>Exporting %1… %2 KiB</source>
        <translation>Exportando %1… %2 KiB</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseMembership</name>
    <message>
        <source>&amp;Join course…</source>
        <translation>&amp;Unirse a un curso…</translation>
    </message>
    <message>
        <source>&amp;Leave course…</source>
        <translation>&amp;Dejar el curso…</translation>
    </message>
    <message>
        <source>Open another course in this window, on this server or another one</source>
        <translation>Abrir otro curso en esta ventana, en este servidor o en otro</translation>
    </message>
    <message>
        <source>Close this course&apos;s connection and stop opening it at start</source>
        <translation>Cerrar la conexión de este curso y dejar de abrirlo al inicio</translation>
    </message>
    <message>
        <source>The only course open cannot be left: join another one first</source>
        <translation>No se puede dejar el único curso abierto: únete antes a otro</translation>
    </message>
    <message>
        <source>&amp;Leave %1…</source>
        <translation>&amp;Dejar %1…</translation>
    </message>
    <message>
        <source>Leave %1?</source>
        <translation>¿Dejar %1?</translation>
    </message>
    <message>
        <source>Leave %1 on %2?</source>
        <translation>¿Dejar %1 en %2?</translation>
    </message>
    <message>
        <source>Its connection closes and it no longer opens at start. Nothing is deleted: its messages and notes stay on the server, and you can join it again with its join code.</source>
        <translation>Su conexión se cierra y ya no se abre al inicio. No se borra nada: sus mensajes y notas siguen en el servidor, y puedes volver a unirte con su código de acceso.</translation>
    </message>
    <message>
        <source>Leave course</source>
        <translation>Dejar el curso</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseMenu</name>
    <message>
        <source>TA</source>
        <translation>ayudante</translation>
    </message>
    <message>
        <source>instructor</source>
        <translation>profesor</translation>
    </message>
    <message>
        <source>student</source>
        <translation>estudiante</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Curso</translation>
    </message>
    <message>
        <source>&amp;New course…</source>
        <translation>&amp;Nuevo curso…</translation>
    </message>
    <message>
        <source>Course &amp;settings…</source>
        <translation>&amp;Ajustes del curso…</translation>
    </message>
    <message>
        <source>&amp;Invite people…</source>
        <translation>&amp;Invitar a gente…</translation>
    </message>
    <message>
        <source>Import &amp;roster…</source>
        <translation>Importar &amp;lista de clase…</translation>
    </message>
    <message>
        <source>&amp;Moderation log…</source>
        <translation>&amp;Registro de moderación…</translation>
    </message>
    <message>
        <source>&amp;Export course…</source>
        <translation>&amp;Exportar el curso…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>%1 exported to %2</source>
        <translation>%1 exportado a %2</translation>
    </message>
    <message>
        <source>Your role in this course</source>
        <translation>Tu papel en este curso</translation>
    </message>
    <message>
        <source>instructor (server administrator)</source>
        <translation>profesor y administrador</translation>
    </message>
    <message>
        <source>server administrator</source>
        <translation>administrador del servidor</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Tú: %1</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>No se puede crear %1: %2</translation>
    </message>
    <message>
        <source>New channel…</source>
        <translation>Nuevo canal…</translation>
    </message>
    <message>
        <source>New channel</source>
        <translation>Nuevo canal</translation>
    </message>
    <message>
        <source>Channel name (letters, digits, . _ -):</source>
        <translation>Nombre del canal (letras, dígitos, . _ -):</translation>
    </message>
    <message>
        <source>#%1 added</source>
        <translation>#%1 añadido</translation>
    </message>
    <message>
        <source>New announcement channel…</source>
        <translation>Nuevo canal de avisos…</translation>
    </message>
    <message>
        <source>New announcement channel</source>
        <translation>Nuevo canal de avisos</translation>
    </message>
    <message>
        <source>Channel name (only you and TAs post there):</source>
        <translation>Nombre del canal (solo tú y los ayudantes publicáis en él):</translation>
    </message>
    <message>
        <source>Let everyone post in #%1</source>
        <translation>Dejar que todos publiquen en #%1</translation>
    </message>
    <message>
        <source>Make #%1 announcement-only</source>
        <translation>Convertir #%1 en canal solo de avisos</translation>
    </message>
    <message>
        <source>#%1 changed</source>
        <translation>#%1 cambiado</translation>
    </message>
    <message>
        <source>Archive #%1</source>
        <translation>Archivar #%1</translation>
    </message>
    <message>
        <source>#%1 archived</source>
        <translation>#%1 archivado</translation>
    </message>
    <message>
        <source>Rename #%1…</source>
        <translation>Renombrar #%1…</translation>
    </message>
    <message>
        <source>Rename #%1</source>
        <translation>Renombrar #%1</translation>
    </message>
    <message>
        <source>The name everyone sees (the id #%1 stays for commands and links):</source>
        <translation>El nombre que ven todos (el identificador #%1 se mantiene para comandos y enlaces):</translation>
    </message>
    <message>
        <source>#%1 renamed to %2</source>
        <translation>#%1 renombrado como %2</translation>
    </message>
    <message>
        <source>New note…</source>
        <translation>Nueva nota…</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nueva nota</translation>
    </message>
    <message>
        <source>Note name, e.g. week5-consensus:</source>
        <translation>Nombre de la nota, p. ej. semana5-consenso:</translation>
    </message>
    <message>
        <source>note %1 created</source>
        <translation>nota %1 creada</translation>
    </message>
    <message>
        <source>Lock %1 (read-only for students)</source>
        <translation>Bloquear %1 (solo lectura para los estudiantes)</translation>
    </message>
    <message>
        <source>%1 locked</source>
        <translation>%1 bloqueada</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>Desbloquear %1</translation>
    </message>
    <message>
        <source>%1 unlocked</source>
        <translation>%1 desbloqueada</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>Archivar %1</translation>
    </message>
    <message>
        <source>%1 archived</source>
        <translation>%1 archivada</translation>
    </message>
    <message>
        <source>Rename %1…</source>
        <translation>Renombrar %1…</translation>
    </message>
    <message>
        <source>Rename note %1</source>
        <translation>Renombrar la nota %1</translation>
    </message>
    <message>
        <source>The name everyone sees (the id %1 stays for commands and links):</source>
        <translation>El nombre que ven todos (el identificador %1 se mantiene para comandos y enlaces):</translation>
    </message>
    <message>
        <source>note %1 renamed to %2</source>
        <translation>nota %1 renombrada como %2</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Expulsar a %1</translation>
    </message>
    <message>
        <source>for 10 minutes</source>
        <translation>durante 10 minutos</translation>
    </message>
    <message>
        <source>%1 removed for 10 minutes</source>
        <translation>%1 expulsado durante 10 minutos</translation>
    </message>
    <message>
        <source>for an hour</source>
        <translation>durante una hora</translation>
    </message>
    <message>
        <source>%1 removed for an hour</source>
        <translation>%1 expulsado durante una hora</translation>
    </message>
    <message>
        <source>for a day</source>
        <translation>durante un día</translation>
    </message>
    <message>
        <source>%1 removed for a day</source>
        <translation>%1 expulsado durante un día</translation>
    </message>
    <message>
        <source>until restored</source>
        <translation>hasta que se le readmita</translation>
    </message>
    <message>
        <source>%1 removed until restored</source>
        <translation>%1 expulsado hasta que se le readmita</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>Readmitir a %1</translation>
    </message>
    <message>
        <source>%1 may join again</source>
        <translation>%1 puede volver a entrar</translation>
    </message>
    <message>
        <source>Dismiss %1 as TA</source>
        <translation>Quitar a %1 como ayudante</translation>
    </message>
    <message>
        <source>Appoint %1 as TA</source>
        <translation>Nombrar ayudante a %1</translation>
    </message>
    <message>
        <source>%1 is now a student</source>
        <translation>%1 ahora es estudiante</translation>
    </message>
    <message>
        <source>%1 is now a TA</source>
        <translation>%1 ahora es ayudante</translation>
    </message>
    <message>
        <source>Make %1 a student (no longer an instructor)</source>
        <translation>Hacer estudiante a %1 (deja de ser profesor)</translation>
    </message>
    <message>
        <source>Make %1 an instructor…</source>
        <translation>Nombrar profesor a %1…</translation>
    </message>
    <message>
        <source>Cannot make %1 an instructor: %2</source>
        <translation>No se puede nombrar profesor a %1: %2</translation>
    </message>
    <message>
        <source>%1 teaches %2</source>
        <translation>%1 imparte %2</translation>
    </message>
    <message>
        <source>%1 is now an instructor of %2. Give them this secret (shown only now); they join with it as their instructor&apos;s secret:

%3</source>
        <translation>%1 ahora es profesor de %2. Dale este secreto (solo se muestra ahora); entra con él como su secreto de profesor:

%3</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseRequests</name>
    <message>
        <source>malformed request</source>
        <translation>petición mal formada</translation>
    </message>
    <message>
        <source>incomplete request</source>
        <translation>petición incompleta</translation>
    </message>
    <message>
        <source>not accepted</source>
        <translation>no aceptado</translation>
    </message>
    <message>
        <source>not understood by the server</source>
        <translation>el servidor no la entiende</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>demasiado grande</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>sin identificar</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>no permitido</translation>
    </message>
    <message>
        <source>wrong join code</source>
        <translation>código de acceso incorrecto</translation>
    </message>
    <message>
        <source>not in this course</source>
        <translation>no estás en este curso</translation>
    </message>
    <message>
        <source>no such course</source>
        <translation>ese curso no existe</translation>
    </message>
    <message>
        <source>no such channel</source>
        <translation>ese canal no existe</translation>
    </message>
    <message>
        <source>no such note</source>
        <translation>esa nota no existe</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>no encontrado</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflicto</translation>
    </message>
    <message>
        <source>too many requests: wait a moment</source>
        <translation>demasiadas peticiones: espera un momento</translation>
    </message>
    <message>
        <source>the server is busy: try again later</source>
        <translation>el servidor está ocupado: inténtalo más tarde</translation>
    </message>
    <message>
        <source>server error</source>
        <translation>error del servidor</translation>
    </message>
    <message>
        <source>no answer from the server</source>
        <translation>el servidor no respondió</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSession</name>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Conectado a %1 como %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Connecting to %1… (%2)</source>
        <translation>Conectando con %1… (%2)</translation>
    </message>
    <message>
        <source>Reconnecting… (%1)</source>
        <translation>Reconectando… (%1)</translation>
    </message>
    <message>
        <source>Removed from %1 by %2 until restored</source>
        <translation>%2 te expulsó de %1 hasta que se te readmita</translation>
    </message>
    <message>
        <source>Removed from %1 by %2 until %3</source>
        <translation>%2 te expulsó de %1 hasta %3</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Offline (%1)</source>
        <translation>Sin conexión (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n message(s) in the outbox</source>
        <translation>
            <numerusform>%1 · %n mensaje en la bandeja de salida</numerusform>
            <numerusform>%1 · %n mensajes en la bandeja de salida</numerusform>
        </translation>
    </message>
    <message>
        <source>Your edit was not saved: %1</source>
        <translation>Tu edición no se guardó: %1</translation>
    </message>
    <message>
        <source>Could not load older messages: %1</source>
        <translation>No se pudieron cargar los mensajes anteriores: %1</translation>
    </message>
    <message>
        <source>The message was not deleted: %1</source>
        <translation>El mensaje no se eliminó: %1</translation>
    </message>
    <message>
        <source>You were removed from %1 by %2 until restored.</source>
        <translation>%2 te expulsó de %1 hasta que se te readmita.</translation>
    </message>
    <message>
        <source>You were removed from %1 by %2 until %3.</source>
        <translation>%2 te expulsó de %1 hasta %3.</translation>
    </message>
    <message>
        <source>%1 is archived: it is read-only.</source>
        <translation>%1 está archivado: es de solo lectura.</translation>
    </message>
    <message>
        <source>#%1 is archived: it is read-only.</source>
        <translation>#%1 está archivado: es de solo lectura.</translation>
    </message>
    <message>
        <source>Only instructors and TAs post in #%1.</source>
        <translation>Solo los profesores y los ayudantes publican en #%1.</translation>
    </message>
    <message>
        <source>Read-only: you were removed from %1 by %2.</source>
        <translation>Solo lectura: %2 te expulsó de %1.</translation>
    </message>
    <message>
        <source>Read-only: %1 is archived.</source>
        <translation>Solo lectura: %1 está archivado.</translation>
    </message>
    <message>
        <source>Locked by %1</source>
        <translation>Bloqueada por %1</translation>
    </message>
    <message>
        <source>an instructor</source>
        <translation>un profesor</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSettingsDialog</name>
    <message>
        <source>Students may create notes</source>
        <translation>Los estudiantes pueden crear notas</translation>
    </message>
    <message>
        <source>Only roster invites admit students (not the join code)</source>
        <translation>Solo las invitaciones de la lista de clase admiten estudiantes (no el código de acceso)</translation>
    </message>
    <message>
        <source>Archived: read-only for everyone, still readable</source>
        <translation>Archivado: solo lectura para todos, se puede seguir leyendo</translation>
    </message>
    <message>
        <source>Settings of %1</source>
        <translation>Ajustes de %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSidebar</name>
    <message>
        <source>Courses</source>
        <translation>Cursos</translation>
    </message>
    <message>
        <source>Your open courses, each with its channels and notes; unread and mention counts after each name</source>
        <translation>Tus cursos abiertos, cada uno con sus canales y notas; los no leídos y las menciones detrás de cada nombre</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSidebarModel</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>course %1, %n unread, %2 mentioning you, as %3 on %4</source>
        <translation>
            <numerusform>curso %1, %n sin leer, %2 te mencionan, como %3 en %4</numerusform>
            <numerusform>curso %1, %n sin leer, %2 te mencionan, como %3 en %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>course %1, %n unread, as %2 on %3</source>
        <translation>
            <numerusform>curso %1, %n sin leer, como %2 en %3</numerusform>
            <numerusform>curso %1, %n sin leer, como %2 en %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>course %1, %n mentioning you, as %2 on %3</source>
        <translation>
            <numerusform>curso %1, %n mención, como %2 en %3</numerusform>
            <numerusform>curso %1, %n menciones, como %2 en %3</numerusform>
        </translation>
    </message>
    <message>
        <source>course %1, as %2 on %3</source>
        <translation>curso %1, como %2 en %3</translation>
    </message>
    <message>
        <source># %1</source>
        <translation># %1</translation>
    </message>
    <message>
        <source>✎ %1</source>
        <translation>✎ %1</translation>
    </message>
    <message>
        <source>note %1</source>
        <translation>nota %1</translation>
    </message>
    <message>
        <source>Shared note, locked by %1</source>
        <translation>Nota compartida, bloqueada por %1</translation>
    </message>
    <message>
        <source>Shared note</source>
        <translation>Nota compartida</translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseViews</name>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
</context>
<context>
    <name>collab::desktop::EditMessageDialog</name>
    <message>
        <source>Edit message</source>
        <translation>Editar el mensaje</translation>
    </message>
    <message>
        <source>Enter saves, Shift+Enter starts a new line, Esc cancels.</source>
        <translation>Intro guarda, Mayús+Intro empieza una línea nueva, Esc cancela.</translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation>Mensaje editado</translation>
    </message>
</context>
<context>
    <name>collab::desktop::HostedServer</name>
    <message>
        <source>the hosted server is not running</source>
        <translation>el servidor alojado no está en marcha</translation>
    </message>
</context>
<context>
    <name>collab::desktop::InteractionsPanel</name>
    <message>
        <source>Thread</source>
        <translation>Hilo</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
</context>
<context>
    <name>collab::desktop::InvitePanel</name>
    <message>
        <source>New join code</source>
        <translation>Nuevo código de acceso</translation>
    </message>
    <message>
        <source>Invite people to %1</source>
        <translation>Invitar a gente a %1</translation>
    </message>
    <message>
        <source>Classmates join with these (they choose their own name):</source>
        <translation>Tus compañeros entran con estos datos (cada uno elige su nombre):</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Course id</source>
        <translation>Identificador del curso</translation>
    </message>
    <message>
        <source>Join code</source>
        <translation>Código de acceso</translation>
    </message>
    <message>
        <source>In a terminal</source>
        <translation>En un terminal</translation>
    </message>
    <message>
        <source>Make a new join code: the current one is refused from now on (e.g. after it leaked)</source>
        <translation>Crea un código de acceso nuevo: el actual deja de aceptarse (p. ej. si se ha filtrado)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>collab-cli --server %1 --course %2 --join-code %3 --username YOUR.NAME --listen</source>
        <comment>a command: translate only YOUR.NAME (letters, digits, . _ -)</comment>
        <translation>collab-cli --server %1 --course %2 --join-code %3 --username TU.NOMBRE --listen</translation>
    </message>
    <message>
        <source>Could not rotate the code: %1</source>
        <translation>No se pudo cambiar el código: %1</translation>
    </message>
    <message>
        <source>New join code: the old one is refused from now on.</source>
        <translation>Nuevo código de acceso: el anterior deja de aceptarse.</translation>
    </message>
</context>
<context>
    <name>collab::desktop::LoginDialog</name>
    <message>
        <source>Join a course</source>
        <translation>Entrar en un curso</translation>
    </message>
    <message>
        <source>e.g. angie.nguyen</source>
        <translation>p. ej. angie.nguyen</translation>
    </message>
    <message>
        <source>e.g. CECS327</source>
        <translation>p. ej. CECS327</translation>
    </message>
    <message>
        <source>instructors only, if the course has one</source>
        <translation>solo profesores, si el curso lo tiene</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>&amp;Nombre visible</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Curso</translation>
    </message>
    <message>
        <source>&amp;Join code</source>
        <translation>Código de &amp;acceso</translation>
    </message>
    <message>
        <source>Instructor &amp;secret</source>
        <translation>S&amp;ecreto de profesor</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Host a session on this computer</source>
        <translation>Alojar una sesión en este equipo</translation>
    </message>
    <message>
        <source>Start a server inside this app with a demo course and share its address and join code</source>
        <translation>Inicia un servidor dentro de esta aplicación con un curso de demostración y comparte su dirección y su código de acceso</translation>
    </message>
    <message>
        <source>The server address looks like ws://HOST:PORT/ws or https://HOST:PORT.</source>
        <translation>La dirección del servidor tiene la forma ws://SERVIDOR:PUERTO/ws o https://SERVIDOR:PUERTO.</translation>
    </message>
    <message>
        <source>Enter the course id, e.g. CECS327.</source>
        <translation>Escribe el identificador del curso, p. ej. CECS327.</translation>
    </message>
    <message>
        <source>Enter the course&apos;s join code (ask your instructor).</source>
        <translation>Escribe el código de acceso del curso (pídeselo a tu profesor).</translation>
    </message>
    <message>
        <source>A display name is 1–64 letters, digits, dots, dashes or underscores.</source>
        <translation>Un nombre visible tiene de 1 a 64 letras, dígitos, puntos, guiones o guiones bajos.</translation>
    </message>
    <message>
        <source>Join another course</source>
        <translation>Unirse a otro curso</translation>
    </message>
</context>
<context>
    <name>collab::desktop::MainWindow</name>
    <message>
        <source>%1 is ready to help you now</source>
        <translation>%1 ya puede atenderte</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Export note…</source>
        <translation>&amp;Exportar la nota…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportada a %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation>&amp;Reconectar ahora</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;Find in channel…</source>
        <translation>&amp;Buscar en el canal…</translation>
    </message>
    <message>
        <source>Find in &amp;course…</source>
        <translation>Buscar en el &amp;curso…</translation>
    </message>
    <message>
        <source>New &amp;poll…</source>
        <translation>Nueva &amp;encuesta…</translation>
    </message>
    <message>
        <source>Start a poll in the current channel</source>
        <translation>Inicia una encuesta en el canal actual</translation>
    </message>
    <message>
        <source>Only instructors and TAs start polls</source>
        <translation>Solo los profesores y los ayudantes inician encuestas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Threads, polls and queue</source>
        <translation>&amp;Hilos, encuestas y cola</translation>
    </message>
    <message>
        <source>The thread, poll and office-hours queue panel at the right of the chat</source>
        <translation>El panel de hilos, encuestas y cola de tutorías, a la derecha del chat</translation>
    </message>
    <message>
        <source>Note &amp;history…</source>
        <translation>Historial de la &amp;nota…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Quick switcher…</source>
        <translation>&amp;Ir rápido a…</translation>
    </message>
    <message>
        <source>&amp;Next pane</source>
        <translation>Panel &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous pane</source>
        <translation>Panel &amp;anterior</translation>
    </message>
    <message>
        <source>Hosting at &lt;b&gt;%1&lt;/b&gt; · join code &lt;b&gt;%2&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation>Alojada en &lt;b&gt;%1&lt;/b&gt; · código &lt;b&gt;%2&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invitar a gente…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Hosting · join code &lt;b&gt;%1&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation>Alojada · código &lt;b&gt;%1&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invitar a gente…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Hosting · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation>Alojada · &lt;a href=&quot;invite&quot;&gt;Invitar a gente…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Hosting at %1, join code %2: share them with your classmates (Invite people…)</source>
        <translation>Sesión alojada en %1, código de acceso %2: compártelos con tus compañeros (Invitar a gente…)</translation>
    </message>
    <message>
        <source>End the session for everyone?</source>
        <translation>¿Terminar la sesión para todos?</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) connected to the session you host.</source>
        <translation>
            <numerusform>Hay %n persona conectada a la sesión que alojas.</numerusform>
            <numerusform>Hay %n personas conectadas a la sesión que alojas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Closing this window stops the server: they are disconnected until you host again.</source>
        <translation>Al cerrar esta ventana se detiene el servidor: se quedan sin conexión hasta que vuelvas a alojar la sesión.</translation>
    </message>
    <message>
        <source>End session and close</source>
        <translation>Terminar la sesión y cerrar</translation>
    </message>
    <message>
        <source>Export note</source>
        <translation>Exportar la nota</translation>
    </message>
    <message>
        <source>Members — presence unknown</source>
        <translation>Miembros — presencia desconocida</translation>
    </message>
    <message>
        <source>%1 · %2 · CourseCollab</source>
        <comment>window title: course, user</comment>
        <translation>%1 · %2 · CourseCollab</translation>
    </message>
    <message numerus="yes">
        <source>Members — %n online</source>
        <translation>
            <numerusform>Miembros — %n en línea</numerusform>
            <numerusform>Miembros — %n en línea</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Courses</source>
        <translation>C&amp;ursos</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a course, a problem there</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::MemberModel</name>
    <message>
        <source>%1  (instructor)</source>
        <translation>%1  (profesor)</translation>
    </message>
    <message>
        <source>%1: presence unknown (you are not connected)</source>
        <translation>%1: presencia desconocida (no estás conectado)</translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation>%1: en línea</translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation>%1: fuera de línea</translation>
    </message>
</context>
<context>
    <name>collab::desktop::MentionAnnouncer</name>
    <message numerus="yes">
        <source>%n new mention(s) of you in %1</source>
        <translation>
            <numerusform>%n mención nueva de ti en %1</numerusform>
            <numerusform>%n menciones nuevas de ti en %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::MentionNotifier</name>
    <message>
        <source>%1 mentioned you in #%2 (%3)</source>
        <translation>%1 te mencionó en #%2 (%3)</translation>
    </message>
</context>
<context>
    <name>collab::desktop::MessageLocator</name>
    <message>
        <source>That message is no longer in #%1 (deleted?)</source>
        <translation>Ese mensaje ya no está en #%1 (¿eliminado?)</translation>
    </message>
    <message numerus="yes">
        <source>That message is more than %n messages back in #%1</source>
        <translation>
            <numerusform>Ese mensaje está a más de %n mensaje de distancia en #%1</numerusform>
            <numerusform>Ese mensaje está a más de %n mensajes de distancia en #%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load #%1: %2</source>
        <translation>No se pudo cargar #%1: %2</translation>
    </message>
    <message>
        <source>That message is no longer in #%1</source>
        <translation>Ese mensaje ya no está en #%1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ModerationLogDialog</name>
    <message>
        <source>message deleted</source>
        <translation>mensaje eliminado</translation>
    </message>
    <message>
        <source>member removed</source>
        <translation>miembro expulsado</translation>
    </message>
    <message>
        <source>member&apos;s data erased</source>
        <translation>datos del miembro borrados</translation>
    </message>
    <message>
        <source>member restored</source>
        <translation>miembro readmitido</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>papel cambiado</translation>
    </message>
    <message>
        <source>course settings changed</source>
        <translation>ajustes del curso cambiados</translation>
    </message>
    <message>
        <source>channel added</source>
        <translation>canal añadido</translation>
    </message>
    <message>
        <source>channel changed</source>
        <translation>canal cambiado</translation>
    </message>
    <message>
        <source>note created</source>
        <translation>nota creada</translation>
    </message>
    <message>
        <source>note changed</source>
        <translation>nota cambiada</translation>
    </message>
    <message>
        <source>new join code</source>
        <translation>nuevo código de acceso</translation>
    </message>
    <message>
        <source>roster imported</source>
        <translation>lista de clase importada</translation>
    </message>
    <message>
        <source>%1 until restored</source>
        <translation>%1 hasta que se le readmita</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 hasta %2</translation>
    </message>
    <message>
        <source>Moderation log of %1</source>
        <translation>Registro de moderación de %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Moderation log: when, what, by whom, details</source>
        <translation>Registro de moderación: cuándo, qué, quién, detalles</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation>No se puede leer el registro: %1</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Todavía nada.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation>
            <numerusform>%n entrada.</numerusform>
            <numerusform>%n entradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>note locked</source>
        <translation>nota bloqueada</translation>
    </message>
    <message>
        <source>note unlocked</source>
        <translation>nota desbloqueada</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NamedVersionModel</name>
    <message>
        <source>“%1” · #%2 · by %3</source>
        <translation>«%1» · #%2 · de %3</translation>
    </message>
    <message>
        <source>Named by %1 on %2</source>
        <translation>Nombrada por %1 el %2</translation>
    </message>
    <message>
        <source>%1, version %2, named by %3 on %4</source>
        <translation>%1, versión %2, nombrada por %3 el %4</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NewCourseDialog</name>
    <message>
        <source>New course</source>
        <translation>Nuevo curso</translation>
    </message>
    <message>
        <source>Distributed Systems</source>
        <translation>Sistemas Distribuidos</translation>
    </message>
    <message>
        <source>general, homework, !announcements</source>
        <comment>default channel ids: letters, digits, . _ - only</comment>
        <translation>general, tareas, !avisos</translation>
    </message>
    <message>
        <source>Comma-separated; a ! before a name makes it announcement-only (only you and TAs post)</source>
        <translation>Separados por comas; un ! delante de un nombre lo convierte en canal de avisos (solo publicáis tú y los ayudantes)</translation>
    </message>
    <message>
        <source>Course id</source>
        <translation>Identificador</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <source>Comma-separated. A ! before a name makes it announcement-only: only instructors and TAs post there.</source>
        <translation>Separados por comas. Un ! delante de un nombre lo convierte en canal de avisos: solo publican en él los profesores y los ayudantes.</translation>
    </message>
    <message>
        <source>First note</source>
        <translation>Primera nota</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>The course id must be 1-64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (e.g. CECS327).</source>
        <translation>El identificador del curso debe tener de 1 a 64 letras, dígitos, «.», «_» o «-» (p. ej. CECS327).</translation>
    </message>
    <message>
        <source>Course ids may not start with &apos;_&apos;.</source>
        <translation>Un identificador de curso no puede empezar por «_».</translation>
    </message>
    <message>
        <source>The title is too long (at most %1 bytes).</source>
        <translation>El título es demasiado largo (como mucho %1 bytes).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a channel name (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;).</source>
        <translation>«%1» no es un nombre de canal (letras, dígitos, «.», «_» o «-»).</translation>
    </message>
    <message>
        <source>#%1 is listed twice.</source>
        <translation>#%1 aparece dos veces.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a note name (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;).</source>
        <translation>«%1» no es un nombre de nota (letras, dígitos, «.», «_» o «-»).</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteHistoryRender</name>
    <message>
        <source>No difference: the two versions have the same text.</source>
        <translation>Sin diferencias: las dos versiones tienen el mismo texto.</translation>
    </message>
    <message>
        <source>line %1: added</source>
        <translation>línea %1: añadida</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteHistoryView</name>
    <message>
        <source>Older versions</source>
        <translation>Versiones anteriores</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Historial de %1</translation>
    </message>
    <message>
        <source>Load the versions before the oldest one on the slider</source>
        <translation>Carga las versiones anteriores a la más antigua del deslizador</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Text of this version</source>
        <translation>Texto de esta versión</translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation>&amp;Comparar con:</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Comparar con</translation>
    </message>
    <message>
        <source>the current text</source>
        <translation>el texto actual</translation>
    </message>
    <message>
        <source>the version before it</source>
        <translation>la versión anterior</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Each line starts with + (added) or - (removed), not only a colour</source>
        <translation>Cada línea empieza por + (añadida) o - (quitada), no solo por un color</translation>
    </message>
    <message>
        <source>Who wrote what</source>
        <translation>Quién escribió qué</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Texto</translation>
    </message>
    <message>
        <source>C&amp;hanges</source>
        <translation>Ca&amp;mbios</translation>
    </message>
    <message>
        <source>&amp;Authors</source>
        <translation>&amp;Autores</translation>
    </message>
    <message>
        <source>Named versions</source>
        <translation>Versiones con nombre</translation>
    </message>
    <message>
        <source>That version is older than the ones loaded: load older versions first.</source>
        <translation>Esa versión es más antigua que las cargadas: carga antes las versiones anteriores.</translation>
    </message>
    <message>
        <source>Loading the versions…</source>
        <translation>Cargando las versiones…</translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation>No se pudo cargar el historial: %1</translation>
    </message>
    <message>
        <source>The history is not loaded.</source>
        <translation>El historial no está cargado.</translation>
    </message>
    <message>
        <source>The slider starts at the note&apos;s first version</source>
        <translation>El deslizador empieza en la primera versión de la nota</translation>
    </message>
    <message>
        <source>This note has no versions yet: nobody has written in it.</source>
        <translation>Esta nota todavía no tiene versiones: nadie ha escrito en ella.</translation>
    </message>
    <message>
        <source>Loading version #%1…</source>
        <translation>Cargando la versión #%1…</translation>
    </message>
    <message>
        <source>Loading the changes…</source>
        <translation>Cargando los cambios…</translation>
    </message>
    <message>
        <source>Loading who wrote what at #%1…</source>
        <translation>Cargando quién escribió qué en la #%1…</translation>
    </message>
    <message>
        <source>Version %1 of %2 loaded</source>
        <translation>Versión %1 de %2 cargadas</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Versión %1 de %2</translation>
    </message>
    <message>
        <source>%1: %2 (the current text)</source>
        <translation>%1: %2 (el texto actual)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Version #%1 could not be loaded: %2</source>
        <translation>No se pudo cargar la versión #%1: %2</translation>
    </message>
    <message>
        <source>The note at version #%1: %2 characters (read-only)</source>
        <translation>La nota en la versión #%1: %2 caracteres (solo lectura)</translation>
    </message>
    <message>
        <source>The changes could not be loaded: %1</source>
        <translation>No se pudieron cargar los cambios: %1</translation>
    </message>
    <message>
        <source>Version #%1 is the note&apos;s first: all of its text was added.</source>
        <translation>La versión #%1 es la primera de la nota: se añadió todo su texto.</translation>
    </message>
    <message>
        <source>From version #%1 to #%2 (now): lines marked − were removed, + added.</source>
        <translation>De la versión #%1 a la #%2 (ahora): las líneas marcadas con − se quitaron, con + se añadieron.</translation>
    </message>
    <message>
        <source>From version #%1 to #%2: lines marked − were removed, + added.</source>
        <translation>De la versión #%1 a la #%2: las líneas marcadas con − se quitaron, con + se añadieron.</translation>
    </message>
    <message>
        <source>Who wrote what could not be loaded: %1</source>
        <translation>No se pudo cargar quién escribió qué: %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n character(s)</source>
        <translation>
            <numerusform>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n carácter</numerusform>
            <numerusform>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n caracteres</numerusform>
        </translation>
    </message>
    <message>
        <source>Who wrote the text of version #%1 (point at a part to see its author)</source>
        <translation>Quién escribió el texto de la versión #%1 (señala una parte para ver su autor)</translation>
    </message>
    <message>
        <source>Written by %1</source>
        <translation>Escrito por %1</translation>
    </message>
    <message>
        <source>None yet. Instructors and TAs name versions (“Before midterm”) to find them again.</source>
        <translation>Todavía ninguna. Los profesores y los ayudantes ponen nombre a las versiones («Antes del parcial») para volver a encontrarlas.</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NotePreview</name>
    <message>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copiar el enlace</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteVersionActions</name>
    <message>
        <source>&amp;Name this version…</source>
        <translation>&amp;Poner nombre a esta versión…</translation>
    </message>
    <message>
        <source>&amp;Restore this version…</source>
        <translation>&amp;Restaurar esta versión…</translation>
    </message>
    <message>
        <source>Only instructors and TAs name versions.</source>
        <translation>Solo los profesores y los ayudantes ponen nombre a las versiones.</translation>
    </message>
    <message>
        <source>Only instructors and TAs restore versions.</source>
        <translation>Solo los profesores y los ayudantes restauran versiones.</translation>
    </message>
    <message>
        <source>Offline: naming and restoring wait for the connection.</source>
        <translation>Sin conexión: poner nombre y restaurar esperan a la conexión.</translation>
    </message>
    <message>
        <source>No version is chosen on the slider.</source>
        <translation>No hay ninguna versión elegida en el deslizador.</translation>
    </message>
    <message>
        <source>Locked by %1: unlock the note before restoring a version.</source>
        <translation>Bloqueada por %1: desbloquea la nota antes de restaurar una versión.</translation>
    </message>
    <message>
        <source>This is the note&apos;s current text.</source>
        <translation>Este es el texto actual de la nota.</translation>
    </message>
    <message>
        <source>Make the note&apos;s text what it was at version #%1, as a new edit of yours</source>
        <translation>Devuelve el texto de la nota al de la versión #%1, como una nueva edición tuya</translation>
    </message>
    <message>
        <source>Only instructors and TAs name and restore versions; you can browse them.</source>
        <translation>Solo los profesores y los ayudantes ponen nombre a las versiones y las restauran; tú puedes consultarlas.</translation>
    </message>
    <message>
        <source>Name this version</source>
        <translation>Poner nombre a esta versión</translation>
    </message>
    <message>
        <source>Not named: %1</source>
        <translation>Sin nombre: %1</translation>
    </message>
    <message>
        <source>Naming version #%1…</source>
        <translation>Poniendo nombre a la versión #%1…</translation>
    </message>
    <message>
        <source>Version #%1 was not named “%2”: %3</source>
        <translation>La versión #%1 no se llamó «%2»: %3</translation>
    </message>
    <message>
        <source>Version #%1 is named “%2”.</source>
        <translation>La versión #%1 se llama «%2».</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Restaurar esta versión</translation>
    </message>
    <message>
        <source>Make %1 what it was at version #%2?</source>
        <translation>¿Devolver %1 a la versión #%2?</translation>
    </message>
    <message>
        <source>The text becomes that version&apos;s, as a new edit of yours that everyone sees at once. Nothing of the history is lost: the text as it is now stays a version you can go back to.</source>
        <translation>El texto pasa a ser el de esa versión, como una nueva edición tuya que todos ven al momento. No se pierde nada del historial: el texto tal como está ahora queda como una versión a la que puedes volver.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Restoring version #%1…</source>
        <translation>Restaurando la versión #%1…</translation>
    </message>
    <message>
        <source>Version #%1 was not restored: %2</source>
        <translation>La versión #%1 no se restauró: %2</translation>
    </message>
    <message>
        <source>The note&apos;s text already is version #%1&apos;s: nothing to restore.</source>
        <translation>El texto de la nota ya es el de la versión #%1: no hay nada que restaurar.</translation>
    </message>
    <message>
        <source>Version #%1 is restored: the note&apos;s text is now version #%2.</source>
        <translation>Versión #%1 restaurada: el texto de la nota es ahora la versión #%2.</translation>
    </message>
    <message>
        <source>Give version #%1 a name everyone sees (“Before midterm”)</source>
        <translation>Pon a la versión #%1 un nombre que vean todos («Antes del parcial»)</translation>
    </message>
    <message>
        <source>A name for version #%1 (up to %2 characters), e.g. “Before midterm”:</source>
        <translation>Un nombre para la versión #%1 (hasta %2 caracteres), p. ej. «Antes del parcial»:</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteVersionModel</name>
    <message>
        <source>%1 · restored #%2</source>
        <translation>%1 · restaura la #%2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteWorkspace</name>
    <message>
        <source>Outline</source>
        <translation>Índice</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Show the rendered note beside its Markdown source</source>
        <translation>Muestra la nota formateada junto a su código Markdown</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <source>The note&apos;s versions on a time slider: its text, changes and authors at any point (View → Note history…, Ctrl+Shift+H)</source>
        <translation>Las versiones de la nota en un deslizador temporal: su texto, sus cambios y sus autores en cualquier momento (Ver → Historial de la nota…, Ctrl+Mayús+H)</translation>
    </message>
    <message>
        <source>The note&apos;s headings; choosing one moves the editor there</source>
        <translation>Los encabezados de la nota; al elegir uno, el editor va hasta él</translation>
    </message>
    <message>
        <source>The note rendered: headings, lists, code and math</source>
        <translation>La nota formateada: encabezados, listas, código y fórmulas</translation>
    </message>
    <message>
        <source>The outline lists the note&apos;s headings: this note has none yet</source>
        <translation>El índice muestra los encabezados de la nota: esta todavía no tiene ninguno</translation>
    </message>
    <message>
        <source>Widen the notes pane to show the outline</source>
        <translation>Ensancha el panel de notas para ver el índice</translation>
    </message>
    <message>
        <source>Show the note&apos;s headings; click one to jump to it</source>
        <translation>Muestra los encabezados de la nota; haz clic en uno para ir a él</translation>
    </message>
</context>
<context>
    <name>collab::desktop::NotesPanel</name>
    <message>
        <source>Shared notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Shared class notes: everyone in the course edits this together.</source>
        <translation>Notas de clase compartidas: todos los del curso las editan juntos.</translation>
    </message>
    <message>
        <source>Shared note %1</source>
        <translation>Nota compartida %1</translation>
    </message>
    <message>
        <source>Everyone in the course edits this together; Tab indents, Esc or Ctrl+Tab leaves</source>
        <translation>Todos los del curso la editan juntos; Tab sangra, Esc o Ctrl+Tab sale</translation>
    </message>
    <message numerus="yes">
        <source>Your last %n edit(s) to %1 were not saved and undone: %2</source>
        <translation>
            <numerusform>Tu última edición de %1 no se guardó y se deshizo: %2</numerusform>
            <numerusform>Tus últimas %n ediciones de %1 no se guardaron y se deshicieron: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown format %1 (md, html or pdf)</source>
        <translation>formato desconocido %1 (md, html o pdf)</translation>
    </message>
    <message>
        <source>no note %1</source>
        <translation>no existe la nota %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <source>⚠ edits refused</source>
        <translation>⚠ ediciones rechazadas</translation>
    </message>
    <message>
        <source>↻ reloading…</source>
        <translation>↻ recargando…</translation>
    </message>
    <message numerus="yes">
        <source>● offline · %n unsent</source>
        <translation>
            <numerusform>● sin conexión · %n sin enviar</numerusform>
            <numerusform>● sin conexión · %n sin enviar</numerusform>
        </translation>
    </message>
    <message>
        <source>● offline</source>
        <translation>● sin conexión</translation>
    </message>
    <message>
        <source>Offline: your edits are kept and merged when the connection is back.</source>
        <translation>Sin conexión: tus ediciones se guardan y se combinan cuando vuelva la conexión.</translation>
    </message>
    <message numerus="yes">
        <source>● saving %n…</source>
        <translation>
            <numerusform>● guardando %n…</numerusform>
            <numerusform>● guardando %n…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not acknowledged yet</source>
        <translation>
            <numerusform>%n edición todavía sin confirmar</numerusform>
            <numerusform>%n ediciones todavía sin confirmar</numerusform>
        </translation>
    </message>
    <message>
        <source>● in sync</source>
        <translation>● al día</translation>
    </message>
    <message>
        <source>Everything you typed is on the server.</source>
        <translation>Todo lo que has escrito está en el servidor.</translation>
    </message>
    <message>
        <source>%1 is read-only. %2</source>
        <translation>%1 es de solo lectura. %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::PollDialog</name>
    <message>
        <source>&amp;Add option</source>
        <translation>&amp;Añadir opción</translation>
    </message>
    <message>
        <source>Voters may choose &amp;several options</source>
        <translation>Se pueden elegir &amp;varias opciones</translation>
    </message>
    <message>
        <source>A&amp;nonymous: nobody sees who voted, instructors included</source>
        <translation>A&amp;nónima: nadie ve quién votó, ni siquiera los profesores</translation>
    </message>
    <message>
        <source>&amp;Start poll</source>
        <translation>&amp;Iniciar la encuesta</translation>
    </message>
    <message>
        <source>New poll in #%1</source>
        <translation>Nueva encuesta en #%1</translation>
    </message>
    <message>
        <source>Which consensus protocol is easier to implement?</source>
        <translation>¿Qué protocolo de consenso es más fácil de implementar?</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Pregunta:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Opciones:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>until closed by hand</source>
        <translation>hasta que se cierre a mano</translation>
    </message>
    <message>
        <source>The poll closes by itself this many minutes after it starts (0: when you close it)</source>
        <translation>La encuesta se cierra sola estos minutos después de empezar (0: cuando la cierres tú)</translation>
    </message>
    <message>
        <source>&amp;Open for:</source>
        <translation>Abierta &amp;durante:</translation>
    </message>
    <message>
        <source>Only the counts are kept: no one, instructors and TAs included, can see a voter&apos;s choice, and a vote cannot be changed</source>
        <translation>Solo se guardan los recuentos: nadie, ni siquiera los profesores y los ayudantes, puede ver lo que votó cada persona, y un voto no se puede cambiar</translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation>Opción %1</translation>
    </message>
    <message>
        <source>Take this option out</source>
        <translation>Quita esta opción</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>Quitar la opción</translation>
    </message>
    <message>
        <source>Type the question.</source>
        <translation>Escribe la pregunta.</translation>
    </message>
    <message>
        <source>The question is too long (at most %1 bytes).</source>
        <translation>La pregunta es demasiado larga (como mucho %1 bytes).</translation>
    </message>
    <message>
        <source>Fill in every option, or take the empty ones out (✕).</source>
        <translation>Rellena todas las opciones o quita las vacías (✕).</translation>
    </message>
    <message>
        <source>An option is too long (at most %1 bytes).</source>
        <translation>Una opción es demasiado larga (como mucho %1 bytes).</translation>
    </message>
    <message>
        <source>“%1” is there twice.</source>
        <translation>«%1» está dos veces.</translation>
    </message>
    <message>
        <source>Another option (up to %1)</source>
        <translation>Otra opción (hasta %1)</translation>
    </message>
    <message>
        <source>A poll has at most %1 options</source>
        <translation>Una encuesta tiene como mucho %1 opciones</translation>
    </message>
    <message>
        <source>Starting the poll…</source>
        <translation>Iniciando la encuesta…</translation>
    </message>
    <message>
        <source>⚠ The poll was not started: %1</source>
        <translation>⚠ La encuesta no se inició: %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::PollPanel</name>
    <message>
        <source>Right-click a poll: Open poll</source>
        <translation>Haz clic derecho en una encuesta: Abrir la encuesta</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Votar</translation>
    </message>
    <message>
        <source>Close poll</source>
        <translation>Cerrar la encuesta</translation>
    </message>
    <message>
        <source>New poll…</source>
        <translation>Nueva encuesta…</translation>
    </message>
    <message>
        <source>Start a poll in the current channel</source>
        <translation>Inicia una encuesta en el canal actual</translation>
    </message>
    <message>
        <source>%1 (closed)</source>
        <translation>%1 (cerrada)</translation>
    </message>
    <message numerus="yes">
        <source>%n voter(s)</source>
        <translation>
            <numerusform>%n votante</numerusform>
            <numerusform>%n votantes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · anonymous</source>
        <comment>poll status</comment>
        <translation>%1 · anónima</translation>
    </message>
    <message>
        <source>%1 · you voted</source>
        <comment>poll status</comment>
        <translation>%1 · has votado</translation>
    </message>
    <message>
        <source>Choose an option first</source>
        <translation>Elige antes una opción</translation>
    </message>
    <message>
        <source>%1 · closes at %2</source>
        <comment>poll status</comment>
        <translation>%1 · se cierra a las %2</translation>
    </message>
</context>
<context>
    <name>collab::desktop::QueuePanel</name>
    <message>
        <source>Join queue</source>
        <translation>Ponerse en la cola</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Salir de la cola</translation>
    </message>
    <message>
        <source>Make this channel a queue</source>
        <translation>Convertir este canal en una cola</translation>
    </message>
    <message>
        <source>Take next</source>
        <translation>Atender al siguiente</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation>Volver a la cola</translation>
    </message>
    <message>
        <source>Your question, in one line</source>
        <translation>Tu pregunta, en una línea</translation>
    </message>
    <message>
        <source>Your question for the queue</source>
        <translation>Tu pregunta para la cola</translation>
    </message>
    <message>
        <source>Office-hours queue</source>
        <translation>Cola de tutorías</translation>
    </message>
    <message>
        <source>Say in one line what you need help with</source>
        <translation>Di en una línea con qué necesitas ayuda</translation>
    </message>
    <message>
        <source>%1 — %2 (with %3)</source>
        <translation>%1 — %2 (con %3)</translation>
    </message>
    <message>
        <source>#%1 is not an office-hours queue</source>
        <translation>#%1 no es una cola de tutorías</translation>
    </message>
    <message>
        <source>You are #%1 in the queue (about %2 min)</source>
        <translation>Eres el n.º %1 de la cola (unos %2 min)</translation>
    </message>
    <message>
        <source>Office hours: %1 served, mean wait %2 min</source>
        <translation>Tutorías: %1 atendidos, espera media %2 min</translation>
    </message>
</context>
<context>
    <name>collab::desktop::QuickSwitcher</name>
    <message>
        <source>Go to channel or note</source>
        <translation>Ir a un canal o a una nota</translation>
    </message>
    <message>
        <source>Channel or note — Enter to go, Esc to close</source>
        <translation>Canal o nota — Intro para ir, Esc para cerrar</translation>
    </message>
    <message>
        <source>Channel or note to go to</source>
        <translation>Canal o nota al que ir</translation>
    </message>
    <message>
        <source>Matching channels and notes</source>
        <translation>Canales y notas que coinciden</translation>
    </message>
    <message numerus="yes">
        <source># %1  (%n unread)</source>
        <translation>
            <numerusform># %1  (%n sin leer)</numerusform>
            <numerusform># %1  (%n sin leer)</numerusform>
        </translation>
    </message>
    <message>
        <source>✎ %1  (note)</source>
        <translation>✎ %1  (nota)</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::RosterImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import a roster into %1</source>
        <translation>Importar una lista de clase en %1</translation>
    </message>
    <message>
        <source>A CSV file from your LMS: name, email or student id, role (student or ta).</source>
        <translation>Un archivo CSV de tu campus virtual: nombre, correo o identificador de estudiante, papel (student o ta).</translation>
    </message>
    <message>
        <source>Roster file (CSV)</source>
        <translation>Archivo de la lista de clase (CSV)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email or id</source>
        <translation>Correo o ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Invitación</translation>
    </message>
    <message>
        <source>Roster: name, email or id, role, invite</source>
        <translation>Lista de clase: nombre, correo o ID, papel, invitación</translation>
    </message>
    <message>
        <source>Copy invites</source>
        <translation>Copiar las invitaciones</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista de clase</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is %2 KiB; a roster may be at most %3 MiB (about 80,000 rows).</source>
        <translation>%1 ocupa %2 KiB; una lista de clase puede ocupar como mucho %3 MiB (unas 80.000 filas).</translation>
    </message>
    <message>
        <source>Row %1 of %2 is not UTF-8 text: save it from the spreadsheet as &quot;CSV UTF-8&quot;.</source>
        <translation>La fila %1 de %2 no es texto UTF-8: guárdalo desde la hoja de cálculo como «CSV UTF-8».</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>No se importó nada: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s): each admits its name, in place of the join code. They are shown only now: copy them (Copy invites) before closing.</source>
        <translation>
            <numerusform>%n invitación: admite a su nombre, en lugar del código de acceso. Solo se muestra ahora: cópiala (Copiar las invitaciones) antes de cerrar.</numerusform>
            <numerusform>%n invitaciones: cada una admite a su nombre, en lugar del código de acceso. Solo se muestran ahora: cópialas (Copiar las invitaciones) antes de cerrar.</numerusform>
        </translation>
    </message>
    <message>
        <source>roster.csv</source>
        <comment>a file name</comment>
        <translation>lista.csv</translation>
    </message>
</context>
<context>
    <name>collab::desktop::SearchPanel</name>
    <message>
        <source>words, &quot;a phrase&quot;, from:name in:#channel has:code before:2026-03-01</source>
        <translation>palabras, &quot;una frase&quot;, from:nombre in:#canal has:code before:2026-03-01</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Buscar mensajes</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Words or a phrase; filters from:, in:#channel, has:code, before: and after:</source>
        <translation>Palabras o una frase; filtros from:, in:#canal, has:code, before: y after:</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Enter opens a message in its channel</source>
        <translation>Intro abre un mensaje en su canal</translation>
    </message>
    <message>
        <source>Search %1</source>
        <translation>Buscar en %1</translation>
    </message>
    <message>
        <source>Search #%1</source>
        <translation>Buscar en #%1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>The search failed</source>
        <translation>La búsqueda falló</translation>
    </message>
    <message>
        <source>%1 in #%2, %3: %4</source>
        <translation>%1 en #%2, %3: %4</translation>
    </message>
    <message>
        <source>No message matches</source>
        <translation>Ningún mensaje coincide</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) (more: add words or filters)</source>
        <translation>
            <numerusform>%n mensaje (hay más: añade palabras o filtros)</numerusform>
            <numerusform>%n mensajes (hay más: añade palabras o filtros)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n mensaje</numerusform>
            <numerusform>%n mensajes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ThreadPanel</name>
    <message>
        <source>(deleted)</source>
        <translation>(eliminado)</translation>
    </message>
    <message>
        <source>Right-click a message: Reply in thread</source>
        <translation>Haz clic derecho en un mensaje: Responder en un hilo</translation>
    </message>
    <message>
        <source>Anonymously</source>
        <translation>De forma anónima</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Reply in the thread</source>
        <translation>Responder en el hilo</translation>
    </message>
    <message>
        <source>Thread messages</source>
        <translation>Mensajes del hilo</translation>
    </message>
    <message>
        <source>Classmates see a pseudonym; instructors and TAs see you</source>
        <translation>Tus compañeros ven un seudónimo; los profesores y los ayudantes ven quién eres</translation>
    </message>
    <message>
        <source>This thread could not be read.</source>
        <translation>No se pudo leer este hilo.</translation>
    </message>
    <message numerus="yes">
        <source>Thread in #%1 · %n reply(s)</source>
        <translation>
            <numerusform>Hilo en #%1 · %n respuesta</numerusform>
            <numerusform>Hilo en #%1 · %n respuestas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n new</source>
        <comment>replies</comment>
        <translation>
            <numerusform>%1 · %n nueva</numerusform>
            <numerusform>%1 · %n nuevas</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ Answer · %1</source>
        <translation>✔ Respuesta · %1</translation>
    </message>
    <message>
        <source>Endorsed by an instructor or TA as the answer</source>
        <translation>Avalada como respuesta por un profesor o un ayudante</translation>
    </message>
    <message>
        <source>● new ↳ %1</source>
        <translation>● nueva ↳ %1</translation>
    </message>
    <message>
        <source>New since you last read this thread</source>
        <translation>Nueva desde la última vez que leíste este hilo</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Marcar como resuelta</translation>
    </message>
    <message>
        <source>The question is open again: it is back in the unresolved list</source>
        <translation>La pregunta vuelve a estar abierta: vuelve a la lista de no resueltas</translation>
    </message>
    <message>
        <source>The question is answered: it leaves the unresolved list</source>
        <translation>La pregunta está respondida: sale de la lista de no resueltas</translation>
    </message>
    <message>
        <source>Not a question</source>
        <translation>No es una pregunta</translation>
    </message>
    <message>
        <source>Mark as a question</source>
        <translation>Marcar como pregunta</translation>
    </message>
    <message>
        <source>✔ Resolved question</source>
        <translation>✔ Pregunta resuelta</translation>
    </message>
    <message>
        <source>? Open question</source>
        <translation>? Pregunta abierta</translation>
    </message>
    <message>
        <source>Reopen the question</source>
        <translation>Reabrir la pregunta</translation>
    </message>
    <message>
        <source>Only the question&apos;s author, instructors and TAs resolve it</source>
        <translation>Solo el autor de la pregunta, los profesores y los ayudantes la resuelven</translation>
    </message>
    <message>
        <source>Only the author, instructors and TAs change this</source>
        <translation>Solo el autor, los profesores y los ayudantes cambian esto</translation>
    </message>
    <message>
        <source>Take back the endorsement</source>
        <translation>Retirar el aval</translation>
    </message>
    <message>
        <source>Endorse as the answer</source>
        <translation>Avalar como respuesta</translation>
    </message>
    <message>
        <source>Only instructors and TAs endorse answers</source>
        <translation>Solo los profesores y los ayudantes avalan respuestas</translation>
    </message>
    <message>
        <source>Only replies to a question are endorsed: mark the thread a question first</source>
        <translation>Solo se avalan respuestas a una pregunta: marca antes el hilo como pregunta</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar el texto</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Sin cambios: %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::ThumbnailCache</name>
    <message>
        <source>not downloaded: %1</source>
        <translation>no descargado: %1</translation>
    </message>
</context>
<context>
    <name>collab::desktop::TypingState</name>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <source>%1 is editing…</source>
        <translation>%1 está editando…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 y %2 están escribiendo…</translation>
    </message>
    <message>
        <source>%1 and %2 are editing…</source>
        <translation>%1 y %2 están editando…</translation>
    </message>
    <message>
        <source>several people are typing…</source>
        <translation>varias personas están escribiendo…</translation>
    </message>
    <message>
        <source>several people are editing…</source>
        <translation>varias personas están editando…</translation>
    </message>
</context>
<context>
    <name>collab::richtext::MathRenderer</name>
    <message>
        <source>the application is quitting</source>
        <translation>la aplicación se está cerrando</translation>
    </message>
    <message>
        <source>MathJax did not answer in time</source>
        <translation>MathJax no respondió a tiempo</translation>
    </message>
    <message>
        <source>MathJax did not start in time</source>
        <translation>MathJax no arrancó a tiempo</translation>
    </message>
    <message>
        <source>MathJax is not installed (%1)</source>
        <translation>MathJax no está instalado (%1)</translation>
    </message>
    <message>
        <source>the math page did not load</source>
        <translation>la página de fórmulas no se cargó</translation>
    </message>
    <message>
        <source>the math renderer process ended (%1)</source>
        <translation>el proceso que dibuja las fórmulas terminó (%1)</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>más de %1 caracteres</translation>
    </message>
    <message>
        <source>MathJax produced no picture</source>
        <translation>MathJax no generó ninguna imagen</translation>
    </message>
</context>
<context>
    <name>collab::richtext::NoteExport</name>
    <message>
        <source>could not write %1</source>
        <translation>no se pudo escribir %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>collab::richtext::RenderLimits</name>
    <message>
        <source>longer than %1 characters</source>
        <translation>más de %1 caracteres</translation>
    </message>
    <message>
        <source>more than %1 lines</source>
        <translation>más de %1 líneas</translation>
    </message>
    <message>
        <source>a run of more than %1 emphasis markers</source>
        <translation>una secuencia de más de %1 marcas de énfasis</translation>
    </message>
    <message>
        <source>a table row of more than %1 columns</source>
        <translation>una fila de tabla de más de %1 columnas</translation>
    </message>
    <message>
        <source>lists or quotes nested more than %1 levels</source>
        <translation>listas o citas anidadas en más de %1 niveles</translation>
    </message>
    <message>
        <source>more than %1 emphasis markers</source>
        <translation>más de %1 marcas de énfasis</translation>
    </message>
</context>
<context>
    <name>collab::richtext::RichDocument</name>
    <message>
        <source>Shown as plain text (the first %1 characters): %2.</source>
        <translation>Se muestra como texto sin formato (los primeros %1 caracteres): %2.</translation>
    </message>
    <message>
        <source>Shown as plain text: %1.</source>
        <translation>Se muestra como texto sin formato: %1.</translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation>[imagen: %1]</translation>
    </message>
    <message>
        <source>Go to section: %1</source>
        <translation>Ir a la sección: %1</translation>
    </message>
    <message>
        <source>link not opened (only http, https and mailto are): %1</source>
        <translation>enlace no abierto (solo se abren http, https y mailto): %1</translation>
    </message>
</context>
</TS>
