<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own texts that qtbase_da.qm lacks (the file dialog's labels with their accelerators): a Danish user saw
     "Look in" in the dialog for opening a plan. Compiled with: pyside6-lrelease qtgaps_da.ts -qm qtgaps_da.qm -->
<TS version="2.1" language="da">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Kig i:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Filer af &amp;type:</translation>
    </message>
</context>
</TS>
