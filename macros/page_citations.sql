{#- How the pages cite a line: the document's name beside a link to the line in the site's masked text and, for a
    document converted from a PDF, a link to the published PDF at the page the line was printed on. The pages show
    this one cell (a DataTable column with contentType=html) where a table mixes documents, so each cited figure
    names its document; the reporting models build it once per row (pages only select it). -#}

{#- html_text(expression): text made safe to place inside HTML (document names come from the documents). -#}
{% macro html_text(expression) -%}
    replace(replace(replace(replace({{ expression }}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
{%- endmacro %}

{#- pdf_page_url(pdf_url, page): the published PDF opened at one page (the #page fragment of PDF viewers);
    pdf_page_label(page): how the pages name that page. -#}
{% macro pdf_page_url(pdf_url, page) -%}
    {{ pdf_url }} || '#page=' || cast({{ page }} as {{ text_type() }})
{%- endmacro %}

{% macro pdf_page_label(page) -%}
    'PDF 第 ' || cast({{ page }} as {{ text_type() }}) || ' 页'
{%- endmacro %}

{#- cite_html(document_name, line_url, line_label, page_url, page_label): "<name> · 第 N 行 · PDF 第 P 页" with the
    line and the page as links, in one element (a phone's table cell lays its children out side by side); null when
    no line is cited (the pages print '-'); the page part only where the line's page is known. -#}
{% macro cite_html(document_name, line_url, line_label, page_url, page_label) -%}
    case
        when {{ line_url }} is not null
            then
                '<span class="cite"><span class="cite-document">'
                || coalesce({{ html_text(document_name) }}, '文件 Document')
                || '</span> · <a class="cite-line" href="' || {{ line_url }} || '">' || {{ line_label }} || '</a>'
                || coalesce(
                    ' · <a class="cite-page" href="' || {{ page_url }} || '">' || {{ page_label }} || '</a>', ''
                )
                || '</span>'
    end
{%- endmacro %}
