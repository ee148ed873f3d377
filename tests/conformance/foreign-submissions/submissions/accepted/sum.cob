       IDENTIFICATION DIVISION.
       PROGRAM-ID. SUM-LIST.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 N          PIC 9(6).
       01 LINE-IN    PIC X(4000).
       01 TOTAL      PIC S9(18) VALUE 0.
       01 X          PIC S9(18).
       01 POS        PIC 9(6) VALUE 1.
       01 TOKEN      PIC X(40).
       01 I          PIC 9(6).
       01 OUT        PIC -(18)9.
       PROCEDURE DIVISION.
           ACCEPT N.
           ACCEPT LINE-IN.
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > N
               UNSTRING LINE-IN DELIMITED BY ALL SPACE INTO TOKEN
                   WITH POINTER POS
               COMPUTE X = FUNCTION NUMVAL(TOKEN)
               ADD X TO TOTAL
           END-PERFORM.
           MOVE TOTAL TO OUT.
           DISPLAY FUNCTION TRIM(OUT).
           STOP RUN.
